/**
 * Files (ERP exports as CSV or JSON Lines in a directory, local or over SFTP) for esl.
 *
 * @example
 * import { files } from "eslayer/connectors/files"
 * systems: {
 *   erp: files({
 *     location: { kind: "sftp", host: "sftp.example.de", username: "esl", password: process.env.SFTP_PASSWORD ?? "", path: "/exports" },
 *     feeds: { prices: { pattern: "preise-*.csv", format: { kind: "csv", delimiter: ";", encoding: "latin1" },
 *       columns: { sku: "Artikelnummer", amount: "VK brutto" }, values: { decimalSeparator: "," } } },
 *   }),
 * }
 */
import { systemFactory } from "../../core/connector/define.ts"
import { filesConnector } from "./connector.ts"

export { type Feed, type FeedInput, FilesConfig, type FilesConfigInput } from "./config.ts"
export { apiVersion, filesConnector } from "./connector.ts"
export {
  type FilesSandboxOptions,
  type FilesSandboxState,
  filesSandbox,
  filesSandboxFeeds,
  SANDBOX_PASSWORD,
  SANDBOX_USERNAME,
  SEED_FILES,
} from "./sandbox/index.ts"

/** The factory `esl.config.ts` calls: `files({ location, feeds?, currency?, priceList?, … })`. */
export const files = systemFactory(filesConnector)

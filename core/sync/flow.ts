import { Effect } from "effect"
import { type EslConfig, type FlowConfig, isInbound } from "../config/define.ts"
import { ConfigError, type SinkDefinition, type StreamDefinition, type SystemInstance } from "../connector/index.ts"
import type { OwnershipRules } from "../hub/index.ts"
import { type EntityMapping, type MappingContextShape, mappingContext, type SystemMappings } from "../mapping/index.ts"
import type { Canonical, EntityName } from "../model/index.ts"

interface FlowBase {
  readonly name: string
  readonly system: SystemInstance
  readonly entity: EntityName
  readonly mapping: EntityMapping<EntityName, unknown, unknown>
  readonly mappingContext: MappingContextShape
  readonly ownership: OwnershipRules
  readonly schedule?: string | undefined
}

export interface InboundFlow extends FlowBase {
  readonly kind: "inbound"
  readonly streamName: string
  readonly stream: StreamDefinition<unknown, unknown>
  readonly pageSize?: number | undefined
}

export interface OutboundFlow extends FlowBase {
  readonly kind: "outbound"
  readonly sinkName: string
  readonly sink: SinkDefinition<unknown, unknown>
  readonly filter?: ((record: Canonical<EntityName>) => boolean) | undefined
  readonly pageSize: number
}

export type Flow = InboundFlow | OutboundFlow

/** The connector's own tables, with the config's `lookups` for this system merged over them table by table. */
export const lookupTablesOf = (
  system: SystemInstance,
  fromConfig: Readonly<Record<string, Readonly<Record<string, string>>>> | undefined,
): Record<string, Readonly<Record<string, string>>> => {
  const tables: Record<string, Readonly<Record<string, string>>> = {
    ...(system.connector.lookupTables?.(system.config) ?? {}),
  }
  for (const [name, table] of Object.entries(fromConfig ?? {})) tables[name] = { ...(tables[name] ?? {}), ...table }
  return tables
}

const flowError = (name: string, field: string, detail: string, hint: string) =>
  new ConfigError({ path: `flows.${name}.${field}`, detail, hint })

/**
 * Checks every flow against its system's connector and mappings, so a typo in a stream name
 * fails at start with the path of the bad field, not halfway through a run.
 */
export const resolveFlows = (
  config: EslConfig,
  systems: ReadonlyMap<string, SystemInstance>,
  mappingsFor: (system: SystemInstance) => SystemMappings,
): Effect.Effect<ReadonlyArray<Flow>, ConfigError> =>
  Effect.forEach(Object.entries(config.flows), ([name, flow]) => resolveFlow(config, systems, mappingsFor, name, flow))

const resolveFlow = (
  config: EslConfig,
  systems: ReadonlyMap<string, SystemInstance>,
  mappingsFor: (system: SystemInstance) => SystemMappings,
  name: string,
  flow: FlowConfig,
): Effect.Effect<Flow, ConfigError> =>
  Effect.gen(function* () {
    const systemName = isInbound(flow) ? flow.from : flow.to
    const system = systems.get(systemName)
    if (!system) {
      return yield* flowError(
        name,
        isInbound(flow) ? "from" : "to",
        `no system named "${systemName}"`,
        `Declared systems: ${[...systems.keys()].join(", ")}`,
      )
    }
    const mappings = mappingsFor(system)
    const ctx = mappingContext(system.name, system.defaults, lookupTablesOf(system, config.lookups?.[systemName]))
    const ownership = config.ownership ?? {}
    if (isInbound(flow)) {
      const stream = system.connector.streams[flow.stream]
      if (!stream) {
        return yield* flowError(
          name,
          "stream",
          `${system.connector.name} has no stream "${flow.stream}"`,
          `Streams: ${Object.keys(system.connector.streams).join(", ")}`,
        )
      }
      const mapping = mappings[stream.entity] as EntityMapping<EntityName, unknown, unknown> | undefined
      if (!mapping?.read) {
        return yield* flowError(
          name,
          "stream",
          `no read mapping from ${system.connector.name} to ${stream.entity}`,
          "Add one under `mappings` in the config",
        )
      }
      return {
        kind: "inbound",
        name,
        system,
        entity: stream.entity,
        mapping,
        mappingContext: ctx,
        ownership,
        schedule: flow.schedule,
        streamName: flow.stream,
        stream,
        pageSize: flow.pageSize,
      } satisfies InboundFlow
    }
    const sink = system.connector.sinks[flow.sink]
    if (!sink) {
      return yield* flowError(
        name,
        "sink",
        `${system.connector.name} has no sink "${flow.sink}"`,
        `Sinks: ${Object.keys(system.connector.sinks).join(", ")}`,
      )
    }
    const mapping = mappings[sink.entity] as EntityMapping<EntityName, unknown, unknown> | undefined
    if (!mapping?.write) {
      return yield* flowError(
        name,
        "sink",
        `no write mapping from ${sink.entity} to ${system.connector.name}`,
        "Add one under `mappings` in the config",
      )
    }
    return {
      kind: "outbound",
      name,
      system,
      entity: sink.entity,
      mapping,
      mappingContext: ctx,
      ownership,
      schedule: flow.schedule,
      sinkName: flow.sink,
      sink,
      filter: flow.filter as ((record: Canonical<EntityName>) => boolean) | undefined,
      pageSize: flow.pageSize ?? 500,
    } satisfies OutboundFlow
  })

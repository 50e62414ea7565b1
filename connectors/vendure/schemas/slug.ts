/**
 * Vendure's slug normalisation (`normalizeString(input, "-")` in @vendure/common 3.7, applied to
 * every product slug it stores): diacritics dropped (`ü` → `ue`, `ß` → `ss`), lower case,
 * punctuation removed, white space to `-`. The products sink predicts the slug a product number
 * gets with it, so it can find the product again.
 */
export const slugOf = (input: string): string =>
  input
    .normalize("NFD")
    .replace(/[\u00df]/g, "ss")
    .replace(/[\u1e9e]/g, "SS")
    .replace(/[\u0308]/g, "e")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[!"£$%^&*()+[\]{};:@#~?\\/,|><`¬'=‘’©®™]/g, "")
    .replace(/\s+/g, "-")
    .replace(/(-){2,}/g, "-")

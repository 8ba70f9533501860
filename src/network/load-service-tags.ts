/**
 * `--service-tags FILE`: Azure's Service Tags JSON (the weekly `ServiceTags_Public_*.json` download, or the output of
 * `az network list-service-tags`), validated; a bad file is an InputError naming the file and the path inside it.
 */
import { readStructuredFile } from "../adapters/read-file.js";
import { zodInputError } from "../adapters/zod-error.js";
import { ServiceTagCatalogue, serviceTagsFileSchema } from "./service-tags.js";

export function loadServiceTags(file: string): ServiceTagCatalogue {
  const raw = readStructuredFile(file, "json");
  const parsed = serviceTagsFileSchema.safeParse(raw);
  if (!parsed.success) throw zodInputError(file, parsed.error);
  return new ServiceTagCatalogue(parsed.data);
}

/**
 * Reads the real Azure REST examples in ../shared/azure-rest-examples into the model through the product's ARM
 * adapter (`fromArm`), for the tags and vault fixture tests.
 */
import { readFileSync } from "node:fs";
import { fromArm } from "../../src/adapters/arm.js";
import type { Model } from "../../src/model/types.js";
import { sharedPath } from "./shared.js";

type Json = Record<string, unknown>;

/** The example file as stored: `{ parameters, responses }`. */
export function example(relative: string): { parameters: Json; responses: Record<string, { body?: Json }> } {
  return JSON.parse(readFileSync(sharedPath("azure-rest-examples", relative), "utf8"));
}

/** The body of an example's response: the given status, else 200, else 201. */
export function exampleBody(relative: string, status: "200" | "201" = "200"): Json {
  const responses = example(relative).responses;
  const body = responses[status]?.body ?? responses["200"]?.body ?? responses["201"]?.body;
  if (!body) throw new Error(`${relative}: no 200/201 body`);
  return body;
}

/** An example's response body read by the ARM adapter. */
export function armExample(relative: string, status: "200" | "201" = "200"): Model {
  return fromArm(exampleBody(relative, status), `azure-rest-examples/${relative}`);
}

// Reads a subgraph SDL on stdin, composes it with Apollo Federation's own
// composition library, and prints {"ok": bool, "errors": [...], "types": [...]}.
import { composeServices } from "@apollo/composition";
import { parse } from "graphql";

let sdl = "";
for await (const chunk of process.stdin) sdl += chunk;

const result = composeServices([
  { name: "alumni", url: "http://alumni.invalid/graphql", typeDefs: parse(sdl) },
]);
const output = result.errors
  ? { ok: false, errors: result.errors.map((e) => e.message), types: [] }
  : {
      ok: true,
      errors: [],
      types: Object.keys(result.schema.toAPISchema().toGraphQLJSSchema().getTypeMap()),
    };
console.log(JSON.stringify(output));

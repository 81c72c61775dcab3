/** The fuzzer over every public and keyed read (GET): see operations.ts. */
import { fuzzOperations } from "./operations";

fuzzOperations((op) => op.method === "GET");

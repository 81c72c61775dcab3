/** The fuzzer over every write (POST, PATCH, DELETE) and every method a path lacks: see operations.ts. */
import { fuzzOperations } from "./operations";

fuzzOperations((op) => op.method !== "GET", { undocumentedMethods: true });

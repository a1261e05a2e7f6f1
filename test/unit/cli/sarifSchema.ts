// The official SARIF 2.1.0 JSON schema (draft-04, as shipped by @microsoft/jest-sarif), checked with ajv.
import Ajv from 'ajv';
import draft04 from 'ajv/lib/refs/json-schema-draft-04.json';
import sarifSchema from '@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json';

const ajv = new Ajv({ schemaId: 'id', allErrors: true, logger: false });
ajv.addMetaSchema(draft04);
const validate = ajv.compile(sarifSchema);

/** 'No errors', or every schema violation in one line. */
export function sarifSchemaErrors(log: unknown): string {
  validate(log);
  return ajv.errorsText(validate.errors);
}

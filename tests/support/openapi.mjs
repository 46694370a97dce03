// Validates real responses against the schemas of the served OpenAPI document (JSON Schema
// 2020-12, as OpenAPI 3.1 uses), with Ajv.
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

export async function openapiValidator(baseUrl) {
  const doc = await (await fetch(`${baseUrl}/api/v1/openapi.json`)).json();
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: 'openapi', components: doc.components });
  return (schemaName, value) => {
    const validate = ajv.getSchema(`openapi#/components/schemas/${schemaName}`);
    if (!validate) throw new Error(`no schema ${schemaName}`);
    return validate(value) ? [] : validate.errors.map((e) => `${e.instancePath} ${e.message}`);
  };
}

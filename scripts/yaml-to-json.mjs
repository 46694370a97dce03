// Converts the OpenAPI document from YAML (written by people) to JSON (served by the API).
import { readFileSync, writeFileSync } from 'node:fs';
import yaml from 'js-yaml';

const [input, output] = process.argv.slice(2);
const doc = yaml.load(readFileSync(input, 'utf8'));
writeFileSync(output, JSON.stringify(doc));

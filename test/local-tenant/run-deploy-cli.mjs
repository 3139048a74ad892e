// Runs auth0-deploy-cli's Node API in its own process (its settings are process-global): a deploy of
// `inputFile`, then, when `outputFolder` is given, a dump. Called by the local tenant's fidelity tests as
//   node run-deploy-cli.mjs '<json: { inputFile?, outputFolder?, config }>'
// with NODE_EXTRA_CA_CERTS set so that the engine trusts the local tenant.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { deploy, dump } = require('auth0-deploy-cli');

const { inputFile, outputFolder, config } = JSON.parse(process.argv[2] ?? '{}');
if (inputFile) await deploy({ input_file: inputFile, config });
if (outputFolder) await dump({ output_folder: outputFolder, format: 'yaml', config });

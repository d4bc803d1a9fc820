/**
 * Runs a TypeScript file in plain Node, so that tests can start the sandbox's command line from its source:
 *   node --no-experimental-strip-types -r ./test/sandbox/runTypeScript.js sandbox/cli.ts [flags]   (the flag on Node 22.6+ only)
 * Each .ts file is transpiled (no type check) with the compiler options of tsconfig.json, like ts-jest does.
 */
const fs = require('fs');
const path = require('path');
const ts = require('typescript');

const configPath = path.join(__dirname, '..', '..', 'tsconfig.json');
const { config } = ts.readConfigFile(configPath, ts.sys.readFile);
const { options: compilerOptions } = ts.parseJsonConfigFileContent(config, ts.sys, path.dirname(configPath));

require.extensions['.ts'] = (module, filename) => {
	const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), { compilerOptions, fileName: filename });
	module._compile(outputText, filename);
};

// runs the CLI from source (node --import tsx src/cli/run.ts …); bin/comeback.js runs the build
import { main } from './main.js'

process.exitCode = await main(process.argv)

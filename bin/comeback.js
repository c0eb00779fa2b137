#!/usr/bin/env node
// the built CLI lives in dist/ (npm ci runs `prepare`, which builds it)
import { main } from '../dist/cli/main.js'

process.exitCode = await main(process.argv)

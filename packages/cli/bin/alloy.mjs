#!/usr/bin/env node
// Entry point of the `alloy` command; the implementation is one bundled file for a fast start.
import "../dist/bundle/alloy.mjs";

// ESM consumer of the packed packages: every entry point loads and exposes its API.
import assert from 'node:assert/strict';
import * as splits from '@kanjo/splits';
import * as splitsTesting from '@kanjo/splits/testing';
import * as fees from '@kanjo/fees';
import * as feesTesting from '@kanjo/fees/testing';
import * as ledger from '@kanjo/ledger';
import * as ledgerTesting from '@kanjo/ledger/testing';
import { checks } from './checks.mjs';

checks({ splits, splitsTesting, fees, feesTesting, ledger, ledgerTesting }, assert);
console.log('smoke (esm): ok');

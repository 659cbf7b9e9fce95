import type { Command, LedgerConfig } from '@kanjo/ledger';

// A configuration and commands from code written as a scenario file (SCENARIO.md), what
// `runScenario` and `kanjo run` read.

/** A key as a scenario file spells it: `paymentType` is `payment_type`. */
export function snakeCase(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

function snakeObject(value: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [snakeCase(key), item]));
}

/** A command as a scenario file writes it: snake_case, `platform_details`, the bank fields at the top. */
export function scenarioCommand(command: Command): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(command)) {
    if (key === 'split') out['platform_details'] = { submerchants: (value as object[]).map(snakeObject) };
    else if (key === 'bankAccount') Object.assign(out, snakeObject(value as object));
    else out[snakeCase(key)] = value;
  }
  return out;
}

/** A configuration and commands as one scenario document. */
export function scenarioDocument(config: LedgerConfig, commands: readonly Command[]): { merchants: Record<string, unknown>[]; commands: Record<string, unknown>[] } & Record<string, unknown> {
  const { merchants, ...rest } = config;
  return {
    ...snakeObject(rest),
    merchants: merchants.map((merchant) => {
      if (merchant.type !== 'platform') return snakeObject(merchant);
      const { paymentMethods, ...fields } = merchant;
      return { ...snakeObject(fields), payment_methods: Object.fromEntries(Object.entries(paymentMethods).map(([type, fees]) => [type, snakeObject(fees)])) };
    }),
    commands: commands.map(scenarioCommand),
  };
}

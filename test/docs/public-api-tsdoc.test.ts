import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The project standard "Public API documented with TSDoc", checked with the TypeScript compiler:
 * every export of the three package entry points, and every member of an exported interface,
 * class or object type alias, has a documentation comment. A member inherited from a base
 * interface counts once, where it is declared. `#private` members, TypeScript `private` members
 * and members declared in node_modules (say, of a built-in class a type extends) are not the
 * packages' API and are skipped.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const entryPoints = ['splits', 'fees', 'ledger'].map((name) => `${root}packages/${name}/src/index.ts`);

/** One program for the whole file, with the root tsconfig's options (its paths map `@kanjo/*` to the sources). */
const program = (() => {
  const configPath = `${root}tsconfig.json`;
  const read = ts.readConfigFile(configPath, (path) => ts.sys.readFile(path));
  if (read.error) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, root, undefined, configPath);
  return ts.createProgram({ rootNames: entryPoints, options: { ...parsed.options, noEmit: true } });
})();
const checker = program.getTypeChecker();

/** Where a declaration is, as `path:line`, relative to the repository root. */
const location = (node: ts.Node): string => {
  const file = node.getSourceFile();
  const { line } = file.getLineAndCharacterOfPosition(node.getStart());
  return `${file.fileName.replace(root, '')}:${line + 1}`;
};

const resolveAlias = (symbol: ts.Symbol): ts.Symbol =>
  symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;

const isDocumented = (symbol: ts.Symbol): boolean =>
  symbol.getDocumentationComment(checker).some((part) => part.text.trim() !== '');

/**
 * A type whose members are the API: an object type (not a tuple or array, whose members are
 * positions), or an intersection of object types. Unions are left out (their named variants are
 * exported and checked on their own; fields of inline variants, as in `Change`, are not checked).
 */
const hasMembers = (type: ts.Type): boolean =>
  ((type.flags & ts.TypeFlags.Object) !== 0 && !checker.isTupleType(type) && !checker.isArrayType(type)) ||
  ((type.flags & ts.TypeFlags.Intersection) !== 0 && (type as ts.IntersectionType).types.every(hasMembers));

const isSkippedMember = (declaration: ts.Declaration): boolean => {
  if (/[\\/]node_modules[\\/]/.test(declaration.getSourceFile().fileName)) return true;
  const name = ts.getNameOfDeclaration(declaration);
  if (name !== undefined && ts.isPrivateIdentifier(name)) return true;
  return ts.canHaveModifiers(declaration) && (ts.getCombinedModifierFlags(declaration) & ts.ModifierFlags.Private) !== 0;
};

/** The members of an exported interface, class (instance and static side) or object type alias. */
const membersOf = (symbol: ts.Symbol): readonly ts.Symbol[] => {
  if (symbol.flags & ts.SymbolFlags.Class) {
    const statics = checker.getPropertiesOfType(checker.getTypeOfSymbol(symbol)).filter((member) => member.name !== 'prototype');
    return [...checker.getPropertiesOfType(checker.getDeclaredTypeOfSymbol(symbol)), ...statics];
  }
  if (symbol.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias)) {
    const type = checker.getDeclaredTypeOfSymbol(symbol);
    return hasMembers(type) ? checker.getPropertiesOfType(type) : [];
  }
  return [];
};

interface Undocumented {
  /** How many exports each entry point has, in `entryPoints` order. */
  readonly exportCounts: readonly number[];
  /** How many members were looked at (inherited ones once per export that has them). */
  readonly membersChecked: number;
  /** Each undocumented export, with where it is declared. */
  readonly exports: readonly string[];
  /** Each undocumented member, named by the interface or class that declares it, with where. */
  readonly members: readonly string[];
}

const undocumented = ((): Undocumented => {
  const exportCounts: number[] = [];
  let membersChecked = 0;
  const exports = new Set<string>();
  const members = new Map<ts.Declaration, string>();
  for (const entryPoint of entryPoints) {
    const source = program.getSourceFile(entryPoint);
    if (source === undefined) throw new Error(`not in the program: ${entryPoint}`);
    const moduleSymbol = checker.getSymbolAtLocation(source);
    if (moduleSymbol === undefined) throw new Error(`not a module: ${entryPoint}`);
    const moduleExports = checker.getExportsOfModule(moduleSymbol);
    exportCounts.push(moduleExports.length);
    for (const exported of moduleExports) {
      const symbol = resolveAlias(exported);
      const declaration = symbol.declarations?.[0];
      if (!isDocumented(symbol)) exports.add(`${exported.name} (${declaration ? location(declaration) : entryPoint})`);
      for (const member of membersOf(symbol)) {
        const memberDeclaration = member.declarations?.[0];
        if (memberDeclaration === undefined || isSkippedMember(memberDeclaration)) continue;
        membersChecked += 1;
        if (isDocumented(member)) continue;
        // Named by the declaration that holds it, so an inherited member is listed once, on its base.
        const parent = memberDeclaration.parent;
        const owner = (ts.isClassLike(parent) || ts.isInterfaceDeclaration(parent)) && parent.name ? parent.name.text : exported.name;
        members.set(memberDeclaration, `${owner}.${member.name} (${location(memberDeclaration)})`);
      }
    }
  }
  return { exportCounts, membersChecked, exports: [...exports].sort(), members: [...members.values()].sort() };
})();

describe('public API TSDoc (STYLE: every field has a one-line doc comment)', () => {
  // Guards the check itself: an entry point the program failed to load would have no exports to fault.
  it('loads every package entry point with its exports and their members', () => {
    expect(undocumented.exportCounts).toHaveLength(entryPoints.length);
    for (const count of undocumented.exportCounts) expect(count).toBeGreaterThan(10);
    expect(undocumented.membersChecked).toBeGreaterThan(300);
  });

  it('every export of the package entry points has a documentation comment', () => {
    expect(undocumented.exports, `undocumented exports:\n${undocumented.exports.join('\n')}`).toEqual([]);
  });

  it('every member of an exported interface, class or object type alias has a documentation comment', () => {
    expect(undocumented.members, `${undocumented.members.length} undocumented members:\n${undocumented.members.join('\n')}`).toEqual([]);
  });
});

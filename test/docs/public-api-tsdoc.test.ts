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
 *
 * Unions: for an exported type alias written as a union (`A | B`), every variant written inline as
 * an object literal (`| { readonly kind: 'payment_captured'; … }`) is API too, and every one of its
 * own members has a documentation comment, its discriminant (`kind`, `ok`) included. The
 * discriminant's comment is the variant's comment: it says what the variant means and when it
 * is written. (A comment put before the `{` of an inline variant is attached to no symbol, so
 * neither this check nor an editor's hover sees it; it does not count.) A variant written as a
 * name (`Command`'s `CreatePaymentCommand`, …) is an export checked on its own. Object literals
 * inside an intersection variant (`Base & { … }`) count as that variant's own members.
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
 * positions), or an intersection of object types. Unions are left out here: their named variants
 * are exported and checked on their own, their inline variants by {@link objectLiteralVariantsOf}.
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

/** A type written in parentheses, unwrapped. */
const unparenthesized = (node: ts.TypeNode): ts.TypeNode => (ts.isParenthesizedTypeNode(node) ? unparenthesized(node.type) : node);

/**
 * The object literals written inline as variants of an exported union type alias (or inside an
 * intersection variant), each with a label naming it by its discriminant, as `{kind: 'payment_captured'}`.
 * Any other type alias has none.
 */
const objectLiteralVariantsOf = (symbol: ts.Symbol): readonly { readonly label: string; readonly literal: ts.TypeLiteralNode }[] => {
  if (!(symbol.flags & ts.SymbolFlags.TypeAlias)) return [];
  const declaration = symbol.declarations?.find(ts.isTypeAliasDeclaration);
  if (declaration === undefined) return [];
  const union = unparenthesized(declaration.type);
  if (!ts.isUnionTypeNode(union)) return [];
  const literals = union.types.flatMap((variant) => {
    const node = unparenthesized(variant);
    const parts = ts.isIntersectionTypeNode(node) ? node.types.map(unparenthesized) : [node];
    return parts.filter(ts.isTypeLiteralNode);
  });
  return literals.map((literal) => {
    // The first member typed as a literal (`kind: 'x'`, `ok: true`) names the variant.
    const discriminant = literal.members.find(
      (member) => ts.isPropertySignature(member) && member.type !== undefined && ts.isLiteralTypeNode(member.type),
    ) as ts.PropertySignature | undefined;
    const label = discriminant?.type ? `{${discriminant.name.getText()}: ${discriminant.type.getText()}}` : `{…}`;
    return { label, literal };
  });
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
  /** How many object-literal variants of exported unions were looked at. */
  readonly variantsChecked: number;
  /** How many members of those variants were looked at. */
  readonly variantMembersChecked: number;
  /** Each undocumented member of an object-literal variant, as `Union{kind: 'x'}.member`, with where. */
  readonly variantMembers: readonly string[];
}

const undocumented = ((): Undocumented => {
  const exportCounts: number[] = [];
  let membersChecked = 0;
  const exports = new Set<string>();
  const members = new Map<ts.Declaration, string>();
  let variantsChecked = 0;
  let variantMembersChecked = 0;
  const variantMembers = new Map<ts.Node, string>();
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
      for (const { label, literal } of objectLiteralVariantsOf(symbol)) {
        variantsChecked += 1;
        for (const memberNode of literal.members) {
          const member = memberNode.name === undefined ? undefined : checker.getSymbolAtLocation(memberNode.name);
          variantMembersChecked += 1;
          if (member !== undefined && isDocumented(member)) continue;
          const name = memberNode.name?.getText() ?? '(index signature)';
          // Keyed by the node, so a union re-exported under two names is listed once.
          variantMembers.set(memberNode, `${symbol.name}${label}.${name} (${location(memberNode)})`);
        }
      }
    }
  }
  return {
    exportCounts,
    membersChecked,
    exports: [...exports].sort(),
    members: [...members.values()].sort(),
    variantsChecked,
    variantMembersChecked,
    variantMembers: [...variantMembers.values()].sort(),
  };
})();

describe('public API TSDoc (STYLE: every field has a one-line doc comment)', () => {
  // Guards the check itself: an entry point the program failed to load would have no exports to fault.
  it('loads every package entry point with its exports and their members', () => {
    expect(undocumented.exportCounts).toHaveLength(entryPoints.length);
    for (const count of undocumented.exportCounts) expect(count).toBeGreaterThan(10);
    expect(undocumented.membersChecked).toBeGreaterThan(300);
    // Change alone has 16 object-literal variants; Result and ExecuteResult have 2 each.
    expect(undocumented.variantsChecked).toBeGreaterThanOrEqual(20);
  });

  it('every export of the package entry points has a documentation comment', () => {
    expect(undocumented.exports, `undocumented exports:\n${undocumented.exports.join('\n')}`).toEqual([]);
  });

  it('every member of an exported interface, class or object type alias has a documentation comment', () => {
    expect(undocumented.members, `${undocumented.members.length} undocumented members:\n${undocumented.members.join('\n')}`).toEqual([]);
  });

  it('every member of an object-literal variant of an exported union has a documentation comment, its discriminant included', () => {
    expect(
      undocumented.variantMembers,
      `${undocumented.variantMembers.length} of ${undocumented.variantMembersChecked} members of union variants undocumented:\n${undocumented.variantMembers.join('\n')}`,
    ).toEqual([]);
  });
});

/**
 * The CSAF 2.0 product tree as a lookup: every product id (from branches,
 * full_product_names and relationships) → what identifies it. Branches are
 * walked with an explicit stack (hostile documents nest deeply); relationship
 * products (`default_component_of`, `installed_on`, …) are resolved through
 * their `product_reference` to the component's identity, and their
 * `relates_to_product_reference` is kept as the platform.
 */
import type { BatchBuilder } from '../../schema/ontology/batch.js';
import { arr, isObject, objects, str, type JsonObject } from '../common/json.js';

export interface CsafProduct {
  id: string;
  name: string | null;
  purl: string | null;
  cpe: string | null;
  /** Names from the branch path: vendor, product_name, product_version. */
  vendor: string | null;
  productName: string | null;
  version: string | null;
  /** A `product_version_range` branch above the product (a vers string or a free-text range). */
  versionRange: string | null;
  /** Relationship products: the component and platform product ids. */
  component: string | null;
  platform: string | null;
  relationship: string | null;
  at: string;
}

export interface ResolvedProduct {
  id: string;
  /** The product that carries the identity (the component, for relationship products). */
  base: CsafProduct;
  purl: string | null;
  cpe: string | null;
  /** CPE (else name) of every platform the product is a component of. */
  platforms: string[];
}

export class ProductTree {
  readonly products = new Map<string, CsafProduct>();
  readonly groups = new Map<string, string[]>();

  constructor(private readonly b: BatchBuilder, tree: JsonObject) {
    this.walkBranches(tree);
    objects(tree.full_product_names).forEach((p, i) => this.add(p, { vendor: null, productName: null, version: null, versionRange: null }, `/product_tree/full_product_names/${i}`));
    objects(tree.relationships).forEach((r, i) => {
      const at = `/product_tree/relationships/${i}`;
      const fpn = isObject(r.full_product_name) ? r.full_product_name : null;
      const id = fpn ? str(fpn.product_id) : null;
      const component = str(r.product_reference);
      const platform = str(r.relates_to_product_reference);
      if (!id || !component || !platform) {
        b.warn('INVALID_RELATIONSHIP', 'relationship needs full_product_name.product_id, product_reference and relates_to_product_reference; ignored', at);
        return;
      }
      this.register({
        id, name: str(fpn!.name), purl: helper(fpn!, 'purl'), cpe: helper(fpn!, 'cpe'),
        vendor: null, productName: null, version: null, versionRange: null,
        component, platform, relationship: str(r.category), at,
      });
    });
    objects(tree.product_groups).forEach((g) => {
      const gid = str(g.group_id);
      if (gid) this.groups.set(gid, arr(g.product_ids).map(str).filter((x): x is string => x !== null));
    });
  }

  private walkBranches(tree: JsonObject): void {
    interface Pending { branch: JsonObject; ctx: BranchContext; at: string }
    const stack: Pending[] = objects(tree.branches).map((branch, i) => ({ branch, ctx: { vendor: null, productName: null, version: null, versionRange: null }, at: `/product_tree/branches/${i}` })).reverse();
    while (stack.length > 0) {
      const { branch, ctx, at } = stack.pop()!;
      const name = str(branch.name);
      const category = str(branch.category);
      const next: BranchContext = { ...ctx };
      if (name) {
        if (category === 'vendor') next.vendor = name;
        else if (category === 'product_name') next.productName = name;
        else if (category === 'product_version') next.version = name;
        else if (category === 'product_version_range') next.versionRange = name;
      }
      if (isObject(branch.product)) this.add(branch.product, next, `${at}/product`);
      const children = objects(branch.branches);
      for (let i = children.length - 1; i >= 0; i--) stack.push({ branch: children[i]!, ctx: next, at: `${at}/branches/${i}` });
    }
  }

  private add(p: JsonObject, ctx: BranchContext, at: string): void {
    const id = str(p.product_id);
    if (!id) {
      this.b.warn('INVALID_PRODUCT', 'product without product_id; ignored', at);
      return;
    }
    this.register({ id, name: str(p.name), purl: helper(p, 'purl'), cpe: helper(p, 'cpe'), ...ctx, component: null, platform: null, relationship: null, at });
  }

  private register(p: CsafProduct): void {
    if (this.products.has(p.id)) {
      this.b.warn('DUPLICATE_PRODUCT_ID', `product_id "${p.id}" is defined more than once; the first definition is kept`, p.at);
      return;
    }
    this.products.set(p.id, p);
  }

  /** Product ids named by `product_ids` and `group_ids` of a flag, threat, remediation or score. */
  expand(o: JsonObject, idsField = 'product_ids'): string[] {
    const ids = arr(o[idsField]).map(str).filter((x): x is string => x !== null);
    for (const g of arr(o.group_ids)) {
      const gid = str(g);
      if (gid) ids.push(...(this.groups.get(gid) ?? []));
    }
    return [...new Set(ids)];
  }

  /** Follows relationship products to the component that carries a purl/cpe. */
  resolve(id: string): ResolvedProduct | null {
    const first = this.products.get(id);
    if (!first) return null;
    const platforms: string[] = [];
    const seen = new Set<string>();
    let p: CsafProduct = first;
    for (;;) {
      seen.add(p.id);
      if (p.purl || !p.component) break;
      const platform = p.platform ? this.products.get(p.platform) : undefined;
      if (platform) platforms.push(platform.cpe ?? platform.name ?? platform.id);
      const next = this.products.get(p.component);
      if (!next || seen.has(next.id)) break;
      p = next;
    }
    return { id, base: p, purl: p.purl, cpe: p.cpe, platforms };
  }
}

interface BranchContext {
  vendor: string | null;
  productName: string | null;
  version: string | null;
  versionRange: string | null;
}

function helper(p: JsonObject, field: 'purl' | 'cpe'): string | null {
  const h = isObject(p.product_identification_helper) ? p.product_identification_helper : null;
  return h ? str(h[field]) : null;
}

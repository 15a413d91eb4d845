// Chainette-style typed extraction over product listings. Every step declares its input and output types:
// classify the listing; in parallel, extract its attributes and its marketing claims; check each claim (a
// fan-out, one call per claim); join everything into a typed listing; expand it into one row per claim.
import { LeafModule, LLMInference, Module, prompt, type Value } from "@weft/core";
import type { RowsFunction } from "@weft/runner";
import { map } from "@weft/tracing";
import { z } from "zod";

/** One line of data/products.jsonl. */
export const Product = z.object({ sku: z.string(), title: z.string(), description: z.string() });

export const Category = z.object({
  category: z.enum(["apparel", "electronics", "home", "food", "other"]),
  isPhysicalProduct: z.boolean(),
});

export const Attributes = z.object({
  brand: z.string().nullable(),
  colors: z.array(z.string()),
  materials: z.array(z.string()),
  priceEur: z.number().nullable(),
});

export const Claims = z.object({ claims: z.array(z.string()) });

export const ClaimCheck = z.object({
  verifiable: z.boolean(),
  reason: z.string(),
});

/** The joined record of one product. */
export const Listing = z.object({
  category: Category,
  attributes: Attributes,
  claims: z.array(z.string()),
  checks: z.array(ClaimCheck),
});

/** The join (Chainette's JoinBranch): plain code on the branches' typed outputs. */
export class AssembleListing extends LeafModule {
  readonly inputSchema = Listing;
  readonly outputSchema = Listing;

  forward(input: z.infer<typeof Listing>): z.infer<typeof Listing> {
    return { ...input, checks: input.checks.slice(0, input.claims.length) };
  }
}

export class ProductExtraction extends Module {
  readonly inputSchema = Product;
  classify = new LLMInference({
    alias: "fast",
    systemPrompt: "Classify the product listing.",
    outputSchema: Category,
    maxTokens: 60,
  });
  attributes = new LLMInference({
    alias: "fast",
    systemPrompt:
      "Extract the brand, colours, materials and price in euros stated in the listing. Use null or [] for what it does not state.",
    outputSchema: Attributes,
    maxTokens: 200,
  });
  claims = new LLMInference({
    alias: "fast",
    systemPrompt: "List the marketing claims the listing makes, each as one short sentence.",
    outputSchema: Claims,
    maxTokens: 200,
  });
  check = new LLMInference({
    alias: "smart",
    systemPrompt: "Say whether a shopper could verify this product claim from measurable facts, and why.",
    outputSchema: ClaimCheck,
    maxTokens: 120,
  });
  assemble = new AssembleListing();

  forward(product: Value<z.infer<typeof Product>>) {
    const listing = prompt`${product.get("title")}\n${product.get("description")}`;
    const category = this.classify.call(listing);
    const attributes = this.attributes.call(listing);
    const claims = this.claims.call(listing).get("claims");
    const checks = map(claims, (claim) => this.check.call(prompt`Claim: ${claim}`));
    return this.assemble.call({ category, attributes, claims, checks });
  }
}

/** One output row per claim (Chainette's Apply): listings that are not products, or make no claim, give none. */
export const rows: RowsFunction = (output, input) => {
  const listing = output as z.infer<typeof Listing>;
  const { sku } = input as z.infer<typeof Product>;
  if (listing.category.category === "other" || !listing.category.isPhysicalProduct) return [];
  return listing.claims.map((claim, index) => ({
    sku,
    category: listing.category.category,
    brand: listing.attributes.brand,
    priceEur: listing.attributes.priceEur,
    claim,
    verifiable: listing.checks[index]?.verifiable ?? null,
  }));
};

export default new ProductExtraction();
export const idField = "sku";

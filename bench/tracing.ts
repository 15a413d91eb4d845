// Tracing cost: trace a module of 10,000 leaf calls in a layered pattern (100 layers of 100 calls, each
// call reading two outputs of the layer before it), flattening one composite per layer. Prints the node
// count, the best trace time of several runs and the cost per node; the target is under 5 microseconds.
import { LeafModule, Module, type Value } from "@weft/core";
import { trace } from "@weft/tracing";
import { bestOf, report } from "./lib/measure.js";

const LAYERS = 100;
const WIDTH = 100;

class Mix extends LeafModule {
  async forward(left: string, right: string): Promise<string> {
    return left + right;
  }
}

class Layer extends Module {
  mix = new Mix();
  forward(previous: Value<string>[]): Value<string>[] {
    return previous.map((left, i) =>
      this.mix.call(left, previous[(i + 1) % previous.length] as Value<string>),
    );
  }
}

class Layered extends Module {
  layers: Layer[] = [];
  constructor() {
    super();
    for (let i = 0; i < LAYERS; i++) {
      const layer = new Layer();
      (this as unknown as Record<string, Layer>)[`layer${i}`] = layer;
      this.layers.push(layer);
    }
  }
  forward(inputs: Value<string>[]): Value<string>[] {
    let current = inputs;
    for (const layer of this.layers) current = layer.call(current);
    return current;
  }
}

const module = new Layered();
const inputs = Array.from({ length: WIDTH }, (_, i) => `x${i}`);
let nodes = 0;
const traceMs = await bestOf(15, () => {
  nodes = trace(module, inputs).nodes.size;
});
const leafCalls = nodes - WIDTH;
if (leafCalls !== LAYERS * WIDTH) throw new Error(`expected ${LAYERS * WIDTH} leaf nodes, got ${leafCalls}`);

report({
  nodes,
  trace_ms: Number(traceMs.toFixed(2)),
  us_per_node: Number(((traceMs * 1000) / nodes).toFixed(3)),
});

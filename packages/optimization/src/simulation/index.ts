export { CONCEPTS, type Concept, type Skill, sentences, stem, teaches } from "./concepts.js";
export { createSimulation, type Simulation, type SimulationOptions } from "./create-simulation.js";
export { criticModel } from "./critic-model.js";
export { CATALOGUE, FIX_SENTENCES, type WritableFix } from "./instructions.js";
export {
  INITIAL_ANSWER_PROMPT,
  INITIAL_EXTRACT_PROMPT,
  OrderPipeline,
  type OrderPipelineOptions,
} from "./order-pipeline.js";
export { generateOrders, type Order, type OrderLine, readNote, type WeightUnit } from "./order-world.js";
export { type Respond, SimulatedModel } from "./simulated-model.js";
export { answererModel, extractorModel, type TaskNoise } from "./task-models.js";
export { aggregatorModel, type UpdaterOptions, updaterModel } from "./updater-model.js";

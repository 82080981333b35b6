export { Reconciler, type ReconcilerCounts, type ReconcilerEvent, type ReconcilerOptions, type ReconcilerStats } from "./reconciler";
export { readReconcilerConfig } from "./config";

/** The monthly assessment engine (客服考核计算器): item catalogue and computeMonth. No DOM. */
export * from './items.ts';
export * from './compute.ts';

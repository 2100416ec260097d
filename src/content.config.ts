/**
 * Content collections. The schemas are the ones in src/schemas/ (the single source of truth);
 * the YAML list files go through the same reader as the CLI, so a broken file fails the build
 * with the file, the field and the problem. Cross-references are checked in src/data/site.ts.
 */
import { defineCollection } from 'astro:content';
import { file, glob } from 'astro/loaders';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import {
  placeholderSchema,
  quizSchema,
  scenarioSchema,
  scriptSchema,
  standardSchema,
  trackSchema,
  workflowSchema,
} from './schemas/index.ts';
import { contentRoot } from './data/root.ts';
import { readListFile, readListFolder } from './lib/node/load-content.ts';
import { ContentError } from './lib/content/problems.ts';

const root = contentRoot();

export const collections = {
  tracks: defineCollection({ loader: file(join(root, 'content/tracks.yaml')), schema: trackSchema }),
  workflows: defineCollection({
    loader: glob({ pattern: '*.mdx', base: join(root, 'content/workflows') }),
    schema: workflowSchema,
  }),
  // Folders of YAML list files, validated item by item; `file` is kept for error messages.
  scripts: defineCollection({
    loader: async () => readListFolder(root, join(root, 'content/scripts'), scriptSchema),
    schema: scriptSchema.extend({ file: z.string() }),
  }),
  standards: defineCollection({
    loader: async () => readListFolder(root, join(root, 'content/standards'), standardSchema),
    schema: standardSchema.extend({ file: z.string() }),
  }),
  placeholders: defineCollection({
    loader: async () => {
      if (!existsSync(join(root, 'content/placeholders.yaml'))) return [];
      const { items, problems } = readListFile(root, join(root, 'content/placeholders.yaml'), placeholderSchema);
      if (problems.length) throw new ContentError(problems);
      // `order` keeps the file's order (the store does not).
      return items.map((p, order) => ({ ...p, id: p.name, order }));
    },
    schema: placeholderSchema.extend({ file: z.string(), order: z.number() }),
  }),
  quizzes: defineCollection({ loader: glob({ pattern: '*.yaml', base: join(root, 'quizzes') }), schema: quizSchema }),
  scenarios: defineCollection({ loader: glob({ pattern: '*.yaml', base: join(root, 'content/scenarios') }), schema: scenarioSchema }),
};

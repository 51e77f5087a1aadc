import { z } from 'zod';

/** manifest.json, format 1: what a backup holds (docs/decisions/012-backups.md). */
export const manifestSchema = z.object({
  format: z.literal(1),
  backupId: z.string().min(1),
  store: z.string().min(1),
  engine: z.enum(['woocommerce', 'medusa']),
  engineVersion: z.string().min(1),
  createdAt: z.iso.datetime(),
  chartValues: z.unknown(),
  database: z.object({
    kind: z.enum(['mysql', 'postgres']),
    name: z.string().min(1),
    bytes: z.number().int().nonnegative(),
  }),
  uploads: z.object({ files: z.number().int().nonnegative(), bytes: z.number().int().nonnegative() }),
  archive: z.object({
    key: z.string().min(1),
    bytes: z.number().int().nonnegative(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
  }),
});

export type Manifest = z.infer<typeof manifestSchema>;

/** Parses a manifest's text; throws saying what is wrong with it. */
export function parseManifest(text: string): Manifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error('manifest.json is not JSON');
  }
  const result = manifestSchema.safeParse(json);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`manifest.json is not a format 1 manifest: ${problems.join('; ')}`);
  }
  return result.data;
}

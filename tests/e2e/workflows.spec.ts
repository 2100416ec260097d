/** Every workflow page: the build-time diagram is there, labels fit their shapes, nodes link to steps. */
import { expect, test } from '@playwright/test';
import { builtWorkflows, watchConsole } from './helpers.ts';
import { labelFit } from './label-fit.ts';

const workflows = builtWorkflows();

test('there are workflow pages to check', () => {
  expect(workflows.length).toBeGreaterThan(0);
});

for (const id of workflows) {
  test(`workflow ${id}: diagram rendered, labels not clipped, steps present`, async ({ page }) => {
    const consoleWatch = watchConsole(page);
    await page.goto(`/workflows/${id}/`);
    const svg = page.locator('figure.diagram svg').first();
    await expect(svg).toBeVisible();
    // Built at build time: no fallback source and no Mermaid error output on the page.
    await expect(page.locator('pre[data-mermaid]')).toHaveCount(0);
    await expect(page.locator('text=Syntax error')).toHaveCount(0);
    expect(await svg.getAttribute('aria-roledescription')).toBe('flowchart-v2');
    await expect(svg.locator('title')).toHaveCount(1);
    await expect(svg.locator('desc')).toHaveCount(1);

    const fit = await page.evaluate(labelFit);
    expect(fit.checked).toBeGreaterThan(1);
    const overflows = fit.bad;
    expect(overflows).toEqual([]);

    const steps = page.locator('ol.steps > li.step');
    expect(await steps.count()).toBeGreaterThan(1);
    // Every step has a node that links to it.
    const stepIds = await steps.evaluateAll((els) => els.map((e) => e.id));
    for (const stepId of stepIds) {
      await expect(svg.locator(`a[href="#${stepId}"], a[*|href="#${stepId}"]`)).toHaveCount(1);
    }
    expect(consoleWatch.errors).toEqual([]);
  });
}

test('clicking a flowchart node scrolls to its step', async ({ page }) => {
  const id = workflows[0]!;
  await page.goto(`/workflows/${id}/`);
  const lastStep = page.locator('ol.steps > li.step').last();
  const stepId = await lastStep.getAttribute('id');
  await page.locator(`figure.diagram svg a[*|href="#${stepId}"]`).first().click();
  await expect(page).toHaveURL(new RegExp(`#${stepId}$`));
  await expect(lastStep).toBeInViewport();
});

test('a workflow page loads no Mermaid runtime', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(r.url());
  });
  await page.goto(`/workflows/${workflows[0]}/`, { waitUntil: 'networkidle' });
  expect(scripts.filter((s) => /mermaid|flowDiagram|dagre/i.test(s))).toEqual([]);
});

test('the label check catches a label that does not fit its box', async ({ page }) => {
  await page.goto(`/workflows/${workflows[0]}/`);
  await page.evaluate(() => {
    const rect = document.querySelector<SVGRectElement>('figure.diagram svg g.node rect.label-container')!;
    rect.setAttribute('width', '10');
  });
  const fit = await page.evaluate(labelFit);
  expect(fit.bad.length).toBeGreaterThan(0);
});

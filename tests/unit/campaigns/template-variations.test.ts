import { describe, expect, it } from 'vitest';
import { parseTemplate, renderForMessage, renderTemplate, TemplateError } from '../../../src/campaigns/template.js';
import { variantForMessage, variantLabel } from '../../../src/campaigns/template-variants.js';

const values = { name: 'Ana', phone: '+5511910000000', fields: { city: 'Recife' } };

function refusal(source: string): string {
  try {
    parseTemplate(source);
  } catch (error) {
    expect(error).toBeInstanceOf(TemplateError);
    return (error as Error).message;
  }
  throw new Error(`"${source}" was accepted`);
}

describe('template variations', () => {
  it('renders each alternative of a variation and counts the distinct texts', () => {
    const template = parseTemplate('{{Hi|Hello|Good morning}} {name}, {{see you|bye}}!');
    expect(template.variantCount).toBe(6);
    const texts = new Set(Array.from({ length: 6 }, (_, v) => renderTemplate(template, values, v)));
    expect(texts).toEqual(new Set(['Hi Ana, see you!', 'Hello Ana, see you!', 'Good morning Ana, see you!', 'Hi Ana, bye!', 'Hello Ana, bye!', 'Good morning Ana, bye!']));
  });

  it('fills variables inside an alternative, fallbacks included', () => {
    const template = parseTemplate('{{Hi {name|there}|Hello from {city}}}');
    expect(renderTemplate(template, values, 0)).toBe('Hi Ana');
    expect(renderTemplate(template, values, 1)).toBe('Hello from Recife');
    expect(template.variables.sort()).toEqual(['city', 'name']);
  });

  it('counts an alternative written twice once', () => {
    expect(parseTemplate('{{Hi|Hello|Hi}} there').variantCount).toBe(2);
  });

  it('refuses an unbalanced {{ with its position and what was expected', () => {
    const message = refusal('Hello {name},\nour {{offer|deal ends soon');
    expect(message).toBe('The {{ at line 2, column 5 is never closed: expected }} after its alternatives.');
    expect(message).not.toContain('\n');
  });

  it('refuses an empty alternative with its position', () => {
    expect(refusal('{{Hi||Hello}} {name}')).toBe(
      'The variation at line 1, column 1 has an empty alternative at line 1, column 6: expected some text between the | signs.',
    );
    expect(refusal('{{Hi|  }}')).toMatch(/empty alternative at line 1, column 8/);
  });

  it('refuses a variation with a single alternative, a stray }} and a nested {{', () => {
    expect(refusal('{{Hi}} there')).toMatch(/one alternative: expected at least two separated by \|/);
    expect(refusal('Hi }} there')).toMatch(/The }} at line 1, column 4 closes no \{\{/);
    expect(refusal('{{Hi {{a|b}}|Hello}}')).toMatch(/cannot be nested/);
  });

  it('chooses the same variant for the same message id every time, so a resend says the same', () => {
    const template = parseTemplate('{{Hi|Hello|Good morning}} {name}');
    for (const id of [1, 2, 77, 1_000_003, 2 ** 40 + 5]) {
      const first = renderForMessage(template, values, id);
      expect(renderForMessage(parseTemplate(template.source), values, id)).toEqual(first);
      expect(first.body).toBe(renderTemplate(template, values, first.variant!));
    }
  });

  it('gives each of three alternatives to roughly a third of 1,000 consecutive messages', () => {
    const template = parseTemplate('{{Hi|Hello|Good morning}} {name}');
    const counts = [0, 0, 0];
    for (let id = 1; id <= 1000; id++) counts[variantForMessage(template.parts, id)]!++;
    for (const count of counts) expect(count).toBeGreaterThanOrEqual(290), expect(count).toBeLessThanOrEqual(377);
  });

  it('chooses two variations independently of each other', () => {
    const template = parseTemplate('{{a|b}} {{c|d}}');
    const counts = [0, 0, 0, 0];
    for (let id = 1; id <= 1000; id++) counts[variantForMessage(template.parts, id)]!++;
    for (const count of counts) expect(count).toBeGreaterThan(200);
  });

  it('labels a variant with its alternatives as written', () => {
    const template = parseTemplate('{{Hi|Hello}} {name}, {{see you|bye}}');
    expect(variantLabel(template.parts, 3)).toBe('Hello / bye');
  });

  it('records no variant for a template without variations', () => {
    expect(renderForMessage(parseTemplate('Hi {name}'), values, 5)).toEqual({ body: 'Hi Ana', variant: null });
  });
});

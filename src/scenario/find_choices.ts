/**
 * find_choices: the choices (choices.ts) of a text, parsed here: what the worker answers to a
 * 'choices' command. Apart from choices.ts so that the UI's Compare view, which uses choices.ts
 * for the variant text, does not carry the parser.
 */
import { choicesOf, type ChoicesFound } from './choices';
import { parseScenario } from './parser';

/** The choices of a text; none when it does not parse (its error is the load's to tell). */
export function findChoices(source: string): ChoicesFound {
  const parsed = parseScenario(source);
  return parsed.ok ? choicesOf(parsed.program) : { choices: [], more: 0 };
}

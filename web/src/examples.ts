// Example inputs for people trying the page for the first time.
export const CLEAN_EXAMPLES: { label: string; text: string }[] = [
  { label: 'Everyday mistakes', text: 'She go to scool evry day . I has a apple and and a pear.' },
  {
    label: 'A short email',
    text:
      'hi team,\n\ni recieve the report yesterday and their is a error in the the second table. ' +
      'Can you please fix it untill friday ?\n\nthanks',
  },
  {
    label: 'A longer text',
    text:
      'The meeting have been moved to thursday. Everyone should brings there laptop . ' +
      'We will discuss the the budget for next year and who are responsible for the launch. ' +
      'Please dont be late, the room is only free untill noon.',
  },
  { label: 'Already clean', text: 'The quarterly report is ready for review.' },
];

export const DESCRIBE_EXAMPLE =
  'Alice from Acme met Bob in Paris on Monday to sign the $5,000 contract. Please confirm by Friday.';

export const SCHEMA_EXAMPLE = JSON.stringify(
  {
    type: 'object',
    required: ['topic', 'people', 'urgent'],
    properties: {
      topic: { type: 'string' },
      people: { type: 'array', items: { type: 'string' } },
      urgent: { type: 'boolean' },
    },
  },
  null,
  2,
);

// A small built-in training corpus for the tiny tokenizer: plain English prose, the kind of sentences
// the cleaner fixes, chat-style instructions, and JSON like the describer emits.

const PROSE = `
The quick brown fox jumps over the lazy dog. She sells sea shells by the sea shore.
I went to the store yesterday and bought some bread, milk and eggs for breakfast.
Their going to the park tomorrow if the weather is nice. They're going to the park tomorrow.
He don't know what he is talking about. He doesn't know what he is talking about.
The results of the experiment were better than we expected, so the team celebrated.
Please fix the grammar and spelling of the following sentence without changing its meaning.
Fix: i has a apple and two banana. I have an apple and two bananas.
Fix: she go to school every days. She goes to school every day.
Fix: the meeting have been moved to monday. The meeting has been moved to Monday.
Fix: we was late because the train were delayed. We were late because the train was delayed.
The corrected sentence is shown below. Only the corrected text is returned, nothing else.
Describe the following text as JSON with a summary, the topics, the sentiment and the language.
A good description is short, accurate and names the people, places and things that matter.
Customers asked for faster delivery, clearer prices and a simpler way to return products.
The city council will vote on the new budget next week after a long public debate.
Water boils at one hundred degrees Celsius at sea level and freezes at zero degrees.
Reading every day improves vocabulary, focus and the ability to explain complex ideas.
The software update fixes several bugs, improves performance and adds a dark mode.
Our model answers questions, writes summaries and corrects mistakes in English text.
When the sun goes down, the temperature drops quickly in the desert and the stars appear.
It is important to check your work carefully before you send it to anyone else.
Many people think that learning a new language is hard, but practice makes it easier.
The system processes each request, measures the time it takes and reports the result.
You are a helpful assistant. Answer the question as clearly and briefly as you can.
The user wrote a message with many errors; the assistant returned the fixed message.
Numbers like 1, 2, 3, 10, 42, 100, 2024 and 3.14 appear in text, tables and code.
`;

const JSON_SAMPLES = `
{"summary": "A short note about a trip to the store.", "topics": ["shopping", "food"], "sentiment": "neutral", "language": "en"}
{"summary": "Customers want faster delivery and clearer prices.", "topics": ["delivery", "pricing"], "sentiment": "negative", "language": "en"}
{"decision": "approve", "confidence": 0.92, "reasons": ["complete", "accurate"]}
{"decision": "reject", "confidence": 0.35, "reasons": ["missing data"]}
{"name": "Alice", "age": 30, "traits": ["curious", "patient", "kind"], "active": true, "manager": null}
{"name": "Bob", "age": 41, "traits": ["careful", "direct"], "active": false, "manager": "Alice"}
{"title": "Budget vote", "date": "2024-05-01", "items": [{"id": 1, "value": 12.5}, {"id": 2, "value": -3}]}
{"type": "object", "properties": {"summary": {"type": "string"}, "score": {"type": "number"}}, "required": ["summary"]}
`;

export const TRAINING_CORPUS: string = `${PROSE}\n${JSON_SAMPLES}`;

/** Longest comment `POST /rcas/:id/comments` accepts, in characters: a paragraph, not a document. */
export const MAX_COMMENT_LENGTH = 2_000;

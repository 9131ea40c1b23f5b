/** Stands in for the app's own sign-in code. */
export declare const auth: {
  getAccessToken(options?: { forceRefresh?: boolean }): Promise<string>;
};
export declare function render(text: string): void;

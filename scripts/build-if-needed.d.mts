/** Builds the dashboard (`next build`) when the sources changed since the last build; exits the process if the build fails. */
export declare function buildIfNeeded(env?: NodeJS.ProcessEnv): void;

/** Types of build/stage.mjs for the TypeScript tests. */
export declare const root: string;
export declare const STAGE_DIR: string;
export declare const NATIVE_RUNTIME: string[];
export declare function runtimeModules(): string[];
export declare function stageApp(stageDir?: string): { stageDir: string; modules: string[] };

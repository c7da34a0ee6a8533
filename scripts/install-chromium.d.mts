export declare function installChromium(): { path: string } | { path: undefined; reason: string };

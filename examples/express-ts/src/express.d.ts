// The slice of Express's and Node's types this example uses, so that it type-checks with no @types package
// installed (the repository installs express without @types/express).
declare module 'express' {
  export interface Request {
    method?: string;
    url?: string;
    headers: Record<string, string | string[] | undefined>;
    params: Record<string, string>;
  }
  export interface Response {
    json(body: unknown): void;
  }
  export type NextFunction = (error?: unknown) => void;
  export type RequestHandler = (req: Request, res: Response, next: NextFunction) => void;
  export interface Server {
    address(): { port: number } | string | null;
    on(event: 'error', listener: (error: Error) => void): void;
    close(callback: () => void): void;
  }
  export interface Application {
    use(handler: RequestHandler): Application;
    get(path: string, handler: RequestHandler): Application;
    listen(port: number, host: string, callback: () => void): Server;
  }
  export default function express(): Application;
}

declare const process: {
  argv: string[];
  exit(code: number): never;
  on(signal: 'SIGTERM', listener: () => void): void;
};

// The slice of Express's types this example uses (the repository installs express without @types/express).
declare module 'express' {
  import type { IncomingMessage, Server, ServerResponse } from 'node:http';

  export interface Request extends IncomingMessage {
    params: Record<string, string>;
  }
  export interface Response extends ServerResponse {
    json(body: unknown): void;
  }
  export type NextFunction = (error?: unknown) => void;
  export type RequestHandler = (req: Request, res: Response, next: NextFunction) => void;
  export interface Application {
    use(handler: RequestHandler): Application;
    get(path: string, handler: RequestHandler): Application;
    listen(port: number, host: string, callback: () => void): Server;
  }
  export default function express(): Application;
}

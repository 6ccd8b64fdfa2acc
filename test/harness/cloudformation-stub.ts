// `serverless package` asks CloudFormation whether the stack already holds the kubectl
// layer, to reuse it. Nothing here can reach AWS, so this endpoint gives the answer of a
// first deploy: the stack does not exist. It answers nothing else.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface CloudFormationStub {
  endpoint: string;
  requests: string[];
  close(): Promise<void>;
}

export async function startCloudFormationStub(): Promise<CloudFormationStub> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      requests.push(body);
      const action = new URLSearchParams(body).get("Action");
      const stack = new URLSearchParams(body).get("StackName") ?? "";
      if (action !== "DescribeStacks") {
        res.writeHead(400, { "content-type": "text/xml" }).end(error("InvalidAction", `${action ?? "(none)"} is not served offline`));
        return;
      }
      res.writeHead(400, { "content-type": "text/xml" }).end(error("ValidationError", `Stack with id ${stack} does not exist`));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const error = (code: string, message: string) =>
  `<ErrorResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>offline</RequestId></ErrorResponse>`;

// Preloaded into servers that call listen(port) with no host (server-everything does): binds
// them to 127.0.0.1 so a test server is never reachable from outside this machine.
import net from "node:net";

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  if ((typeof args[0] === "number" || typeof args[0] === "string") && typeof args[1] !== "string") {
    return listen.call(this, args[0], "127.0.0.1", ...args.slice(1));
  }
  if (args[0] && typeof args[0] === "object" && !("path" in args[0]) && !args[0].host) {
    return listen.call(this, { ...args[0], host: "127.0.0.1" }, ...args.slice(1));
  }
  return listen.apply(this, args);
};

-- wrk script: one tenant's own GET endpoint with its bearer token, the raw request ceiling of the gateway.
-- The token comes from the 0600 JSON file `chaos bench isolation --serve-only` wrote (CHAOS_TOKENS_FILE), never
-- from the command line, where `ps` would show it. CHAOS_TENANT names the tenant (default tenant-00).
local path = os.getenv("CHAOS_TOKENS_FILE")
local tenant = os.getenv("CHAOS_TENANT") or "tenant-00"
if path == nil or path == "" then
  error("CHAOS_TOKENS_FILE: required (the tokens file of chaos bench isolation --serve-only)")
end
local file = assert(io.open(path, "r"))
local content = file:read("*a")
file:close()
-- the file is our own compact JSON: "tenants":{"tenant-00":"tk-...",...}; tenant names are [a-z0-9-]
local token = string.match(content, '"' .. tenant:gsub("%-", "%%-") .. '"%s*:%s*"([^"]+)"')
if token == nil then
  error("CHAOS_TENANT: '" .. tenant .. "' is not in " .. path)
end
wrk.method = "GET"
wrk.headers["Authorization"] = "Bearer " .. token

// Demonstrates: the same packages from CommonJS (require), as older Node apps use them.
const { SignerV4 } = require("@oss-kit/signer");
const { crc64, formatCrc64 } = require("@oss-kit/crc64");

(async () => {
  const { authorization } = await new SignerV4().sign(
    { method: "GET", bucket: "examplebucket", key: "a.txt" },
    {
      credentials: { accessKeyId: "LTAI5tExampleKeyabcd", accessKeySecret: "example-secret" },
      region: "cn-hangzhou",
    },
  );
  console.log(
    `\nCommonJS: signed (${authorization.slice(0, 40)}…); CRC-64 of "123456789" = ${formatCrc64(crc64("123456789"))}`,
  );
})();

"""A gRPC client this project did not write (Python grpcio from Debian) calling jw2 through the .proto files.

Generates Python stubs from the project's .proto files with grpc_tools.protoc, then calls the health
service and CleanerService.Clean, and prints what it saw as one JSON object on stdout.
Usage: clean_client.py PORT PROTO_ROOT HEALTH_PROTO_ROOT TEXT
"""
import json
import os
import sys
import tempfile

import grpc
from grpc_tools import protoc


def generate_stubs(out_dir, proto_root, health_root):
    include = os.path.join(os.path.dirname(protoc.__file__), "_proto")
    for root, files in ((proto_root, ["mpr/v1/common.proto", "mpr/v1/cleaner.proto"]), (health_root, ["health/v1/health.proto"])):
        code = protoc.main(["protoc", f"-I{root}", f"-I{include}", f"--python_out={out_dir}", f"--grpc_python_out={out_dir}", *files])
        if code != 0:
            raise SystemExit(f"protoc failed for {files}")
    sys.path.insert(0, out_dir)


def main():
    port, proto_root, health_root, text = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
    with tempfile.TemporaryDirectory() as out_dir:
        generate_stubs(out_dir, proto_root, health_root)
        from mpr.v1 import cleaner_pb2, cleaner_pb2_grpc, common_pb2
        from health.v1 import health_pb2, health_pb2_grpc

        with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
            health = health_pb2_grpc.HealthStub(channel)
            statuses = {
                name or "(server)": health_pb2.HealthCheckResponse.ServingStatus.Name(
                    health.Check(health_pb2.HealthCheckRequest(service=name), timeout=5).status
                )
                for name in ("", "mpr.v1.CleanerService")
            }
            cleaner = cleaner_pb2_grpc.CleanerServiceStub(channel)
            reply = cleaner.Clean(cleaner_pb2.CleanRequest(text=text), timeout=10)
            edits = [
                {"start": e.start, "end": e.end, "original": e.original, "replacement": e.replacement, "kind": common_pb2.EditKind.Name(e.kind)}
                for e in reply.edits
            ]
            try:
                cleaner.Clean(cleaner_pb2.CleanRequest(text=""), timeout=5)
                bad = {"code": "OK"}
            except grpc.RpcError as error:
                bad = {"code": error.code().name, "details": error.details(), "metadata": dict(error.trailing_metadata() or [])}
        print(json.dumps({"health": statuses, "cleaned_text": reply.cleaned_text, "edits": edits, "engine_id": reply.engine.id, "empty_text_error": bad}))


if __name__ == "__main__":
    main()

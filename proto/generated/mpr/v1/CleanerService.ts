// Original file: proto/mpr/v1/cleaner.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { CheckRequest as _mpr_v1_CheckRequest, CheckRequest__Output as _mpr_v1_CheckRequest__Output } from '../../mpr/v1/CheckRequest.ts';
import type { CheckResponse as _mpr_v1_CheckResponse, CheckResponse__Output as _mpr_v1_CheckResponse__Output } from '../../mpr/v1/CheckResponse.ts';
import type { CleanRequest as _mpr_v1_CleanRequest, CleanRequest__Output as _mpr_v1_CleanRequest__Output } from '../../mpr/v1/CleanRequest.ts';
import type { CleanResponse as _mpr_v1_CleanResponse, CleanResponse__Output as _mpr_v1_CleanResponse__Output } from '../../mpr/v1/CleanResponse.ts';
import type { ParaphraseRequest as _mpr_v1_ParaphraseRequest, ParaphraseRequest__Output as _mpr_v1_ParaphraseRequest__Output } from '../../mpr/v1/ParaphraseRequest.ts';
import type { ParaphraseResponse as _mpr_v1_ParaphraseResponse, ParaphraseResponse__Output as _mpr_v1_ParaphraseResponse__Output } from '../../mpr/v1/ParaphraseResponse.ts';

export interface CleanerServiceClient extends grpc.Client {
  Check(argument: _mpr_v1_CheckRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mpr_v1_CheckResponse__Output>): grpc.ClientUnaryCall;
  Check(argument: _mpr_v1_CheckRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mpr_v1_CheckResponse__Output>): grpc.ClientUnaryCall;
  Check(argument: _mpr_v1_CheckRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mpr_v1_CheckResponse__Output>): grpc.ClientUnaryCall;
  Check(argument: _mpr_v1_CheckRequest, callback: grpc.requestCallback<_mpr_v1_CheckResponse__Output>): grpc.ClientUnaryCall;
  check(argument: _mpr_v1_CheckRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mpr_v1_CheckResponse__Output>): grpc.ClientUnaryCall;
  check(argument: _mpr_v1_CheckRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mpr_v1_CheckResponse__Output>): grpc.ClientUnaryCall;
  check(argument: _mpr_v1_CheckRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mpr_v1_CheckResponse__Output>): grpc.ClientUnaryCall;
  check(argument: _mpr_v1_CheckRequest, callback: grpc.requestCallback<_mpr_v1_CheckResponse__Output>): grpc.ClientUnaryCall;
  
  Clean(argument: _mpr_v1_CleanRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mpr_v1_CleanResponse__Output>): grpc.ClientUnaryCall;
  Clean(argument: _mpr_v1_CleanRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mpr_v1_CleanResponse__Output>): grpc.ClientUnaryCall;
  Clean(argument: _mpr_v1_CleanRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mpr_v1_CleanResponse__Output>): grpc.ClientUnaryCall;
  Clean(argument: _mpr_v1_CleanRequest, callback: grpc.requestCallback<_mpr_v1_CleanResponse__Output>): grpc.ClientUnaryCall;
  clean(argument: _mpr_v1_CleanRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mpr_v1_CleanResponse__Output>): grpc.ClientUnaryCall;
  clean(argument: _mpr_v1_CleanRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mpr_v1_CleanResponse__Output>): grpc.ClientUnaryCall;
  clean(argument: _mpr_v1_CleanRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mpr_v1_CleanResponse__Output>): grpc.ClientUnaryCall;
  clean(argument: _mpr_v1_CleanRequest, callback: grpc.requestCallback<_mpr_v1_CleanResponse__Output>): grpc.ClientUnaryCall;
  
  Paraphrase(argument: _mpr_v1_ParaphraseRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mpr_v1_ParaphraseResponse__Output>): grpc.ClientUnaryCall;
  Paraphrase(argument: _mpr_v1_ParaphraseRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mpr_v1_ParaphraseResponse__Output>): grpc.ClientUnaryCall;
  Paraphrase(argument: _mpr_v1_ParaphraseRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mpr_v1_ParaphraseResponse__Output>): grpc.ClientUnaryCall;
  Paraphrase(argument: _mpr_v1_ParaphraseRequest, callback: grpc.requestCallback<_mpr_v1_ParaphraseResponse__Output>): grpc.ClientUnaryCall;
  paraphrase(argument: _mpr_v1_ParaphraseRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mpr_v1_ParaphraseResponse__Output>): grpc.ClientUnaryCall;
  paraphrase(argument: _mpr_v1_ParaphraseRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mpr_v1_ParaphraseResponse__Output>): grpc.ClientUnaryCall;
  paraphrase(argument: _mpr_v1_ParaphraseRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mpr_v1_ParaphraseResponse__Output>): grpc.ClientUnaryCall;
  paraphrase(argument: _mpr_v1_ParaphraseRequest, callback: grpc.requestCallback<_mpr_v1_ParaphraseResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface CleanerServiceHandlers extends grpc.UntypedServiceImplementation {
  Check: grpc.handleUnaryCall<_mpr_v1_CheckRequest__Output, _mpr_v1_CheckResponse>;
  
  Clean: grpc.handleUnaryCall<_mpr_v1_CleanRequest__Output, _mpr_v1_CleanResponse>;
  
  Paraphrase: grpc.handleUnaryCall<_mpr_v1_ParaphraseRequest__Output, _mpr_v1_ParaphraseResponse>;
  
}

export interface CleanerServiceDefinition extends grpc.ServiceDefinition {
  Check: MethodDefinition<_mpr_v1_CheckRequest, _mpr_v1_CheckResponse, _mpr_v1_CheckRequest__Output, _mpr_v1_CheckResponse__Output>
  Clean: MethodDefinition<_mpr_v1_CleanRequest, _mpr_v1_CleanResponse, _mpr_v1_CleanRequest__Output, _mpr_v1_CleanResponse__Output>
  Paraphrase: MethodDefinition<_mpr_v1_ParaphraseRequest, _mpr_v1_ParaphraseResponse, _mpr_v1_ParaphraseRequest__Output, _mpr_v1_ParaphraseResponse__Output>
}

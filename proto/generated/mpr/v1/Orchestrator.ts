// Original file: proto/mpr/v1/orchestrator.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { CleanBatchRequest as _mpr_v1_CleanBatchRequest, CleanBatchRequest__Output as _mpr_v1_CleanBatchRequest__Output } from '../../mpr/v1/CleanBatchRequest.ts';
import type { CleanBatchResponse as _mpr_v1_CleanBatchResponse, CleanBatchResponse__Output as _mpr_v1_CleanBatchResponse__Output } from '../../mpr/v1/CleanBatchResponse.ts';
import type { CleanRequest as _mpr_v1_CleanRequest, CleanRequest__Output as _mpr_v1_CleanRequest__Output } from '../../mpr/v1/CleanRequest.ts';
import type { CleanResponse as _mpr_v1_CleanResponse, CleanResponse__Output as _mpr_v1_CleanResponse__Output } from '../../mpr/v1/CleanResponse.ts';
import type { CleanStreamEvent as _mpr_v1_CleanStreamEvent, CleanStreamEvent__Output as _mpr_v1_CleanStreamEvent__Output } from '../../mpr/v1/CleanStreamEvent.ts';
import type { DescribeRequest as _mpr_v1_DescribeRequest, DescribeRequest__Output as _mpr_v1_DescribeRequest__Output } from '../../mpr/v1/DescribeRequest.ts';
import type { DescribeResponse as _mpr_v1_DescribeResponse, DescribeResponse__Output as _mpr_v1_DescribeResponse__Output } from '../../mpr/v1/DescribeResponse.ts';
import type { DescribeStreamEvent as _mpr_v1_DescribeStreamEvent, DescribeStreamEvent__Output as _mpr_v1_DescribeStreamEvent__Output } from '../../mpr/v1/DescribeStreamEvent.ts';
import type { ParaphraseRequest as _mpr_v1_ParaphraseRequest, ParaphraseRequest__Output as _mpr_v1_ParaphraseRequest__Output } from '../../mpr/v1/ParaphraseRequest.ts';
import type { ParaphraseResponse as _mpr_v1_ParaphraseResponse, ParaphraseResponse__Output as _mpr_v1_ParaphraseResponse__Output } from '../../mpr/v1/ParaphraseResponse.ts';
import type { ProcessRequest as _mpr_v1_ProcessRequest, ProcessRequest__Output as _mpr_v1_ProcessRequest__Output } from '../../mpr/v1/ProcessRequest.ts';
import type { ProcessResponse as _mpr_v1_ProcessResponse, ProcessResponse__Output as _mpr_v1_ProcessResponse__Output } from '../../mpr/v1/ProcessResponse.ts';

export interface OrchestratorClient extends grpc.Client {
  Clean(argument: _mpr_v1_CleanRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mpr_v1_CleanResponse__Output>): grpc.ClientUnaryCall;
  Clean(argument: _mpr_v1_CleanRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mpr_v1_CleanResponse__Output>): grpc.ClientUnaryCall;
  Clean(argument: _mpr_v1_CleanRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mpr_v1_CleanResponse__Output>): grpc.ClientUnaryCall;
  Clean(argument: _mpr_v1_CleanRequest, callback: grpc.requestCallback<_mpr_v1_CleanResponse__Output>): grpc.ClientUnaryCall;
  clean(argument: _mpr_v1_CleanRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mpr_v1_CleanResponse__Output>): grpc.ClientUnaryCall;
  clean(argument: _mpr_v1_CleanRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mpr_v1_CleanResponse__Output>): grpc.ClientUnaryCall;
  clean(argument: _mpr_v1_CleanRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mpr_v1_CleanResponse__Output>): grpc.ClientUnaryCall;
  clean(argument: _mpr_v1_CleanRequest, callback: grpc.requestCallback<_mpr_v1_CleanResponse__Output>): grpc.ClientUnaryCall;
  
  CleanBatch(argument: _mpr_v1_CleanBatchRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mpr_v1_CleanBatchResponse__Output>): grpc.ClientUnaryCall;
  CleanBatch(argument: _mpr_v1_CleanBatchRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mpr_v1_CleanBatchResponse__Output>): grpc.ClientUnaryCall;
  CleanBatch(argument: _mpr_v1_CleanBatchRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mpr_v1_CleanBatchResponse__Output>): grpc.ClientUnaryCall;
  CleanBatch(argument: _mpr_v1_CleanBatchRequest, callback: grpc.requestCallback<_mpr_v1_CleanBatchResponse__Output>): grpc.ClientUnaryCall;
  cleanBatch(argument: _mpr_v1_CleanBatchRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mpr_v1_CleanBatchResponse__Output>): grpc.ClientUnaryCall;
  cleanBatch(argument: _mpr_v1_CleanBatchRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mpr_v1_CleanBatchResponse__Output>): grpc.ClientUnaryCall;
  cleanBatch(argument: _mpr_v1_CleanBatchRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mpr_v1_CleanBatchResponse__Output>): grpc.ClientUnaryCall;
  cleanBatch(argument: _mpr_v1_CleanBatchRequest, callback: grpc.requestCallback<_mpr_v1_CleanBatchResponse__Output>): grpc.ClientUnaryCall;
  
  CleanStream(argument: _mpr_v1_CleanRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_mpr_v1_CleanStreamEvent__Output>;
  CleanStream(argument: _mpr_v1_CleanRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_mpr_v1_CleanStreamEvent__Output>;
  cleanStream(argument: _mpr_v1_CleanRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_mpr_v1_CleanStreamEvent__Output>;
  cleanStream(argument: _mpr_v1_CleanRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_mpr_v1_CleanStreamEvent__Output>;
  
  Describe(argument: _mpr_v1_DescribeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mpr_v1_DescribeResponse__Output>): grpc.ClientUnaryCall;
  Describe(argument: _mpr_v1_DescribeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mpr_v1_DescribeResponse__Output>): grpc.ClientUnaryCall;
  Describe(argument: _mpr_v1_DescribeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mpr_v1_DescribeResponse__Output>): grpc.ClientUnaryCall;
  Describe(argument: _mpr_v1_DescribeRequest, callback: grpc.requestCallback<_mpr_v1_DescribeResponse__Output>): grpc.ClientUnaryCall;
  describe(argument: _mpr_v1_DescribeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mpr_v1_DescribeResponse__Output>): grpc.ClientUnaryCall;
  describe(argument: _mpr_v1_DescribeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mpr_v1_DescribeResponse__Output>): grpc.ClientUnaryCall;
  describe(argument: _mpr_v1_DescribeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mpr_v1_DescribeResponse__Output>): grpc.ClientUnaryCall;
  describe(argument: _mpr_v1_DescribeRequest, callback: grpc.requestCallback<_mpr_v1_DescribeResponse__Output>): grpc.ClientUnaryCall;
  
  DescribeStream(argument: _mpr_v1_DescribeRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_mpr_v1_DescribeStreamEvent__Output>;
  DescribeStream(argument: _mpr_v1_DescribeRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_mpr_v1_DescribeStreamEvent__Output>;
  describeStream(argument: _mpr_v1_DescribeRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_mpr_v1_DescribeStreamEvent__Output>;
  describeStream(argument: _mpr_v1_DescribeRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_mpr_v1_DescribeStreamEvent__Output>;
  
  Paraphrase(argument: _mpr_v1_ParaphraseRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mpr_v1_ParaphraseResponse__Output>): grpc.ClientUnaryCall;
  Paraphrase(argument: _mpr_v1_ParaphraseRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mpr_v1_ParaphraseResponse__Output>): grpc.ClientUnaryCall;
  Paraphrase(argument: _mpr_v1_ParaphraseRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mpr_v1_ParaphraseResponse__Output>): grpc.ClientUnaryCall;
  Paraphrase(argument: _mpr_v1_ParaphraseRequest, callback: grpc.requestCallback<_mpr_v1_ParaphraseResponse__Output>): grpc.ClientUnaryCall;
  paraphrase(argument: _mpr_v1_ParaphraseRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mpr_v1_ParaphraseResponse__Output>): grpc.ClientUnaryCall;
  paraphrase(argument: _mpr_v1_ParaphraseRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mpr_v1_ParaphraseResponse__Output>): grpc.ClientUnaryCall;
  paraphrase(argument: _mpr_v1_ParaphraseRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mpr_v1_ParaphraseResponse__Output>): grpc.ClientUnaryCall;
  paraphrase(argument: _mpr_v1_ParaphraseRequest, callback: grpc.requestCallback<_mpr_v1_ParaphraseResponse__Output>): grpc.ClientUnaryCall;
  
  Process(argument: _mpr_v1_ProcessRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mpr_v1_ProcessResponse__Output>): grpc.ClientUnaryCall;
  Process(argument: _mpr_v1_ProcessRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mpr_v1_ProcessResponse__Output>): grpc.ClientUnaryCall;
  Process(argument: _mpr_v1_ProcessRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mpr_v1_ProcessResponse__Output>): grpc.ClientUnaryCall;
  Process(argument: _mpr_v1_ProcessRequest, callback: grpc.requestCallback<_mpr_v1_ProcessResponse__Output>): grpc.ClientUnaryCall;
  process(argument: _mpr_v1_ProcessRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_mpr_v1_ProcessResponse__Output>): grpc.ClientUnaryCall;
  process(argument: _mpr_v1_ProcessRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_mpr_v1_ProcessResponse__Output>): grpc.ClientUnaryCall;
  process(argument: _mpr_v1_ProcessRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_mpr_v1_ProcessResponse__Output>): grpc.ClientUnaryCall;
  process(argument: _mpr_v1_ProcessRequest, callback: grpc.requestCallback<_mpr_v1_ProcessResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface OrchestratorHandlers extends grpc.UntypedServiceImplementation {
  Clean: grpc.handleUnaryCall<_mpr_v1_CleanRequest__Output, _mpr_v1_CleanResponse>;
  
  CleanBatch: grpc.handleUnaryCall<_mpr_v1_CleanBatchRequest__Output, _mpr_v1_CleanBatchResponse>;
  
  CleanStream: grpc.handleServerStreamingCall<_mpr_v1_CleanRequest__Output, _mpr_v1_CleanStreamEvent>;
  
  Describe: grpc.handleUnaryCall<_mpr_v1_DescribeRequest__Output, _mpr_v1_DescribeResponse>;
  
  DescribeStream: grpc.handleServerStreamingCall<_mpr_v1_DescribeRequest__Output, _mpr_v1_DescribeStreamEvent>;
  
  Paraphrase: grpc.handleUnaryCall<_mpr_v1_ParaphraseRequest__Output, _mpr_v1_ParaphraseResponse>;
  
  Process: grpc.handleUnaryCall<_mpr_v1_ProcessRequest__Output, _mpr_v1_ProcessResponse>;
  
}

export interface OrchestratorDefinition extends grpc.ServiceDefinition {
  Clean: MethodDefinition<_mpr_v1_CleanRequest, _mpr_v1_CleanResponse, _mpr_v1_CleanRequest__Output, _mpr_v1_CleanResponse__Output>
  CleanBatch: MethodDefinition<_mpr_v1_CleanBatchRequest, _mpr_v1_CleanBatchResponse, _mpr_v1_CleanBatchRequest__Output, _mpr_v1_CleanBatchResponse__Output>
  CleanStream: MethodDefinition<_mpr_v1_CleanRequest, _mpr_v1_CleanStreamEvent, _mpr_v1_CleanRequest__Output, _mpr_v1_CleanStreamEvent__Output>
  Describe: MethodDefinition<_mpr_v1_DescribeRequest, _mpr_v1_DescribeResponse, _mpr_v1_DescribeRequest__Output, _mpr_v1_DescribeResponse__Output>
  DescribeStream: MethodDefinition<_mpr_v1_DescribeRequest, _mpr_v1_DescribeStreamEvent, _mpr_v1_DescribeRequest__Output, _mpr_v1_DescribeStreamEvent__Output>
  Paraphrase: MethodDefinition<_mpr_v1_ParaphraseRequest, _mpr_v1_ParaphraseResponse, _mpr_v1_ParaphraseRequest__Output, _mpr_v1_ParaphraseResponse__Output>
  Process: MethodDefinition<_mpr_v1_ProcessRequest, _mpr_v1_ProcessResponse, _mpr_v1_ProcessRequest__Output, _mpr_v1_ProcessResponse__Output>
}

// Original file: proto/mpr/v1/describer.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { DescribeRequest as _mpr_v1_DescribeRequest, DescribeRequest__Output as _mpr_v1_DescribeRequest__Output } from '../../mpr/v1/DescribeRequest.ts';
import type { DescribeResponse as _mpr_v1_DescribeResponse, DescribeResponse__Output as _mpr_v1_DescribeResponse__Output } from '../../mpr/v1/DescribeResponse.ts';
import type { DescribeStreamEvent as _mpr_v1_DescribeStreamEvent, DescribeStreamEvent__Output as _mpr_v1_DescribeStreamEvent__Output } from '../../mpr/v1/DescribeStreamEvent.ts';

export interface DescriberServiceClient extends grpc.Client {
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
  
}

export interface DescriberServiceHandlers extends grpc.UntypedServiceImplementation {
  Describe: grpc.handleUnaryCall<_mpr_v1_DescribeRequest__Output, _mpr_v1_DescribeResponse>;
  
  DescribeStream: grpc.handleServerStreamingCall<_mpr_v1_DescribeRequest__Output, _mpr_v1_DescribeStreamEvent>;
  
}

export interface DescriberServiceDefinition extends grpc.ServiceDefinition {
  Describe: MethodDefinition<_mpr_v1_DescribeRequest, _mpr_v1_DescribeResponse, _mpr_v1_DescribeRequest__Output, _mpr_v1_DescribeResponse__Output>
  DescribeStream: MethodDefinition<_mpr_v1_DescribeRequest, _mpr_v1_DescribeStreamEvent, _mpr_v1_DescribeRequest__Output, _mpr_v1_DescribeStreamEvent__Output>
}

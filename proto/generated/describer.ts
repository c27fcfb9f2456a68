import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { DescribeRequest as _mpr_v1_DescribeRequest, DescribeRequest__Output as _mpr_v1_DescribeRequest__Output } from './mpr/v1/DescribeRequest.ts';
import type { DescribeResponse as _mpr_v1_DescribeResponse, DescribeResponse__Output as _mpr_v1_DescribeResponse__Output } from './mpr/v1/DescribeResponse.ts';
import type { DescribeStreamEvent as _mpr_v1_DescribeStreamEvent, DescribeStreamEvent__Output as _mpr_v1_DescribeStreamEvent__Output } from './mpr/v1/DescribeStreamEvent.ts';
import type { DescriberServiceClient as _mpr_v1_DescriberServiceClient, DescriberServiceDefinition as _mpr_v1_DescriberServiceDefinition } from './mpr/v1/DescriberService.ts';
import type { Edit as _mpr_v1_Edit, Edit__Output as _mpr_v1_Edit__Output } from './mpr/v1/Edit.ts';
import type { EngineInfo as _mpr_v1_EngineInfo, EngineInfo__Output as _mpr_v1_EngineInfo__Output } from './mpr/v1/EngineInfo.ts';
import type { ErrorInfo as _mpr_v1_ErrorInfo, ErrorInfo__Output as _mpr_v1_ErrorInfo__Output } from './mpr/v1/ErrorInfo.ts';
import type { GenerationOptions as _mpr_v1_GenerationOptions, GenerationOptions__Output as _mpr_v1_GenerationOptions__Output } from './mpr/v1/GenerationOptions.ts';
import type { Timings as _mpr_v1_Timings, Timings__Output as _mpr_v1_Timings__Output } from './mpr/v1/Timings.ts';
import type { Usage as _mpr_v1_Usage, Usage__Output as _mpr_v1_Usage__Output } from './mpr/v1/Usage.ts';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  mpr: {
    v1: {
      DescribeRequest: MessageTypeDefinition<_mpr_v1_DescribeRequest, _mpr_v1_DescribeRequest__Output>
      DescribeResponse: MessageTypeDefinition<_mpr_v1_DescribeResponse, _mpr_v1_DescribeResponse__Output>
      DescribeStreamEvent: MessageTypeDefinition<_mpr_v1_DescribeStreamEvent, _mpr_v1_DescribeStreamEvent__Output>
      DescriberService: SubtypeConstructor<typeof grpc.Client, _mpr_v1_DescriberServiceClient> & { service: _mpr_v1_DescriberServiceDefinition }
      Edit: MessageTypeDefinition<_mpr_v1_Edit, _mpr_v1_Edit__Output>
      EditKind: EnumTypeDefinition
      EngineInfo: MessageTypeDefinition<_mpr_v1_EngineInfo, _mpr_v1_EngineInfo__Output>
      ErrorInfo: MessageTypeDefinition<_mpr_v1_ErrorInfo, _mpr_v1_ErrorInfo__Output>
      GenerationOptions: MessageTypeDefinition<_mpr_v1_GenerationOptions, _mpr_v1_GenerationOptions__Output>
      SkipReason: EnumTypeDefinition
      Timings: MessageTypeDefinition<_mpr_v1_Timings, _mpr_v1_Timings__Output>
      Usage: MessageTypeDefinition<_mpr_v1_Usage, _mpr_v1_Usage__Output>
    }
  }
}


import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { AdapterChoice as _mpr_v1_AdapterChoice, AdapterChoice__Output as _mpr_v1_AdapterChoice__Output } from './mpr/v1/AdapterChoice.ts';
import type { CheckRequest as _mpr_v1_CheckRequest, CheckRequest__Output as _mpr_v1_CheckRequest__Output } from './mpr/v1/CheckRequest.ts';
import type { CheckResponse as _mpr_v1_CheckResponse, CheckResponse__Output as _mpr_v1_CheckResponse__Output } from './mpr/v1/CheckResponse.ts';
import type { CleanBatchItem as _mpr_v1_CleanBatchItem, CleanBatchItem__Output as _mpr_v1_CleanBatchItem__Output } from './mpr/v1/CleanBatchItem.ts';
import type { CleanBatchRequest as _mpr_v1_CleanBatchRequest, CleanBatchRequest__Output as _mpr_v1_CleanBatchRequest__Output } from './mpr/v1/CleanBatchRequest.ts';
import type { CleanBatchResponse as _mpr_v1_CleanBatchResponse, CleanBatchResponse__Output as _mpr_v1_CleanBatchResponse__Output } from './mpr/v1/CleanBatchResponse.ts';
import type { CleanRequest as _mpr_v1_CleanRequest, CleanRequest__Output as _mpr_v1_CleanRequest__Output } from './mpr/v1/CleanRequest.ts';
import type { CleanResponse as _mpr_v1_CleanResponse, CleanResponse__Output as _mpr_v1_CleanResponse__Output } from './mpr/v1/CleanResponse.ts';
import type { CleanSentenceResult as _mpr_v1_CleanSentenceResult, CleanSentenceResult__Output as _mpr_v1_CleanSentenceResult__Output } from './mpr/v1/CleanSentenceResult.ts';
import type { CleanStreamEvent as _mpr_v1_CleanStreamEvent, CleanStreamEvent__Output as _mpr_v1_CleanStreamEvent__Output } from './mpr/v1/CleanStreamEvent.ts';
import type { CleanerServiceClient as _mpr_v1_CleanerServiceClient, CleanerServiceDefinition as _mpr_v1_CleanerServiceDefinition } from './mpr/v1/CleanerService.ts';
import type { DescribeRequest as _mpr_v1_DescribeRequest, DescribeRequest__Output as _mpr_v1_DescribeRequest__Output } from './mpr/v1/DescribeRequest.ts';
import type { DescribeResponse as _mpr_v1_DescribeResponse, DescribeResponse__Output as _mpr_v1_DescribeResponse__Output } from './mpr/v1/DescribeResponse.ts';
import type { DescribeStreamEvent as _mpr_v1_DescribeStreamEvent, DescribeStreamEvent__Output as _mpr_v1_DescribeStreamEvent__Output } from './mpr/v1/DescribeStreamEvent.ts';
import type { DescriberServiceClient as _mpr_v1_DescriberServiceClient, DescriberServiceDefinition as _mpr_v1_DescriberServiceDefinition } from './mpr/v1/DescriberService.ts';
import type { Edit as _mpr_v1_Edit, Edit__Output as _mpr_v1_Edit__Output } from './mpr/v1/Edit.ts';
import type { EngineInfo as _mpr_v1_EngineInfo, EngineInfo__Output as _mpr_v1_EngineInfo__Output } from './mpr/v1/EngineInfo.ts';
import type { ErrorInfo as _mpr_v1_ErrorInfo, ErrorInfo__Output as _mpr_v1_ErrorInfo__Output } from './mpr/v1/ErrorInfo.ts';
import type { Flag as _mpr_v1_Flag, Flag__Output as _mpr_v1_Flag__Output } from './mpr/v1/Flag.ts';
import type { GenerationOptions as _mpr_v1_GenerationOptions, GenerationOptions__Output as _mpr_v1_GenerationOptions__Output } from './mpr/v1/GenerationOptions.ts';
import type { OrchestratorClient as _mpr_v1_OrchestratorClient, OrchestratorDefinition as _mpr_v1_OrchestratorDefinition } from './mpr/v1/Orchestrator.ts';
import type { ParaphraseRequest as _mpr_v1_ParaphraseRequest, ParaphraseRequest__Output as _mpr_v1_ParaphraseRequest__Output } from './mpr/v1/ParaphraseRequest.ts';
import type { ParaphraseResponse as _mpr_v1_ParaphraseResponse, ParaphraseResponse__Output as _mpr_v1_ParaphraseResponse__Output } from './mpr/v1/ParaphraseResponse.ts';
import type { ProcessRequest as _mpr_v1_ProcessRequest, ProcessRequest__Output as _mpr_v1_ProcessRequest__Output } from './mpr/v1/ProcessRequest.ts';
import type { ProcessResponse as _mpr_v1_ProcessResponse, ProcessResponse__Output as _mpr_v1_ProcessResponse__Output } from './mpr/v1/ProcessResponse.ts';
import type { SentenceFailure as _mpr_v1_SentenceFailure, SentenceFailure__Output as _mpr_v1_SentenceFailure__Output } from './mpr/v1/SentenceFailure.ts';
import type { Timings as _mpr_v1_Timings, Timings__Output as _mpr_v1_Timings__Output } from './mpr/v1/Timings.ts';
import type { Usage as _mpr_v1_Usage, Usage__Output as _mpr_v1_Usage__Output } from './mpr/v1/Usage.ts';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  mpr: {
    v1: {
      AdapterChoice: MessageTypeDefinition<_mpr_v1_AdapterChoice, _mpr_v1_AdapterChoice__Output>
      CheckRequest: MessageTypeDefinition<_mpr_v1_CheckRequest, _mpr_v1_CheckRequest__Output>
      CheckResponse: MessageTypeDefinition<_mpr_v1_CheckResponse, _mpr_v1_CheckResponse__Output>
      CleanBatchItem: MessageTypeDefinition<_mpr_v1_CleanBatchItem, _mpr_v1_CleanBatchItem__Output>
      CleanBatchRequest: MessageTypeDefinition<_mpr_v1_CleanBatchRequest, _mpr_v1_CleanBatchRequest__Output>
      CleanBatchResponse: MessageTypeDefinition<_mpr_v1_CleanBatchResponse, _mpr_v1_CleanBatchResponse__Output>
      CleanRequest: MessageTypeDefinition<_mpr_v1_CleanRequest, _mpr_v1_CleanRequest__Output>
      CleanResponse: MessageTypeDefinition<_mpr_v1_CleanResponse, _mpr_v1_CleanResponse__Output>
      CleanSentenceResult: MessageTypeDefinition<_mpr_v1_CleanSentenceResult, _mpr_v1_CleanSentenceResult__Output>
      CleanStreamEvent: MessageTypeDefinition<_mpr_v1_CleanStreamEvent, _mpr_v1_CleanStreamEvent__Output>
      CleanerService: SubtypeConstructor<typeof grpc.Client, _mpr_v1_CleanerServiceClient> & { service: _mpr_v1_CleanerServiceDefinition }
      DescribeRequest: MessageTypeDefinition<_mpr_v1_DescribeRequest, _mpr_v1_DescribeRequest__Output>
      DescribeResponse: MessageTypeDefinition<_mpr_v1_DescribeResponse, _mpr_v1_DescribeResponse__Output>
      DescribeStreamEvent: MessageTypeDefinition<_mpr_v1_DescribeStreamEvent, _mpr_v1_DescribeStreamEvent__Output>
      DescriberService: SubtypeConstructor<typeof grpc.Client, _mpr_v1_DescriberServiceClient> & { service: _mpr_v1_DescriberServiceDefinition }
      Edit: MessageTypeDefinition<_mpr_v1_Edit, _mpr_v1_Edit__Output>
      EditKind: EnumTypeDefinition
      EngineInfo: MessageTypeDefinition<_mpr_v1_EngineInfo, _mpr_v1_EngineInfo__Output>
      ErrorInfo: MessageTypeDefinition<_mpr_v1_ErrorInfo, _mpr_v1_ErrorInfo__Output>
      Flag: MessageTypeDefinition<_mpr_v1_Flag, _mpr_v1_Flag__Output>
      GenerationOptions: MessageTypeDefinition<_mpr_v1_GenerationOptions, _mpr_v1_GenerationOptions__Output>
      Orchestrator: SubtypeConstructor<typeof grpc.Client, _mpr_v1_OrchestratorClient> & { service: _mpr_v1_OrchestratorDefinition }
      ParaphraseRequest: MessageTypeDefinition<_mpr_v1_ParaphraseRequest, _mpr_v1_ParaphraseRequest__Output>
      ParaphraseResponse: MessageTypeDefinition<_mpr_v1_ParaphraseResponse, _mpr_v1_ParaphraseResponse__Output>
      ProcessMode: EnumTypeDefinition
      ProcessRequest: MessageTypeDefinition<_mpr_v1_ProcessRequest, _mpr_v1_ProcessRequest__Output>
      ProcessResponse: MessageTypeDefinition<_mpr_v1_ProcessResponse, _mpr_v1_ProcessResponse__Output>
      SentenceFailure: MessageTypeDefinition<_mpr_v1_SentenceFailure, _mpr_v1_SentenceFailure__Output>
      SkipReason: EnumTypeDefinition
      Timings: MessageTypeDefinition<_mpr_v1_Timings, _mpr_v1_Timings__Output>
      Usage: MessageTypeDefinition<_mpr_v1_Usage, _mpr_v1_Usage__Output>
    }
  }
}


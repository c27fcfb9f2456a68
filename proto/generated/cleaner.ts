import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { CheckRequest as _mpr_v1_CheckRequest, CheckRequest__Output as _mpr_v1_CheckRequest__Output } from './mpr/v1/CheckRequest.ts';
import type { CheckResponse as _mpr_v1_CheckResponse, CheckResponse__Output as _mpr_v1_CheckResponse__Output } from './mpr/v1/CheckResponse.ts';
import type { CleanRequest as _mpr_v1_CleanRequest, CleanRequest__Output as _mpr_v1_CleanRequest__Output } from './mpr/v1/CleanRequest.ts';
import type { CleanResponse as _mpr_v1_CleanResponse, CleanResponse__Output as _mpr_v1_CleanResponse__Output } from './mpr/v1/CleanResponse.ts';
import type { CleanerServiceClient as _mpr_v1_CleanerServiceClient, CleanerServiceDefinition as _mpr_v1_CleanerServiceDefinition } from './mpr/v1/CleanerService.ts';
import type { Edit as _mpr_v1_Edit, Edit__Output as _mpr_v1_Edit__Output } from './mpr/v1/Edit.ts';
import type { EngineInfo as _mpr_v1_EngineInfo, EngineInfo__Output as _mpr_v1_EngineInfo__Output } from './mpr/v1/EngineInfo.ts';
import type { ErrorInfo as _mpr_v1_ErrorInfo, ErrorInfo__Output as _mpr_v1_ErrorInfo__Output } from './mpr/v1/ErrorInfo.ts';
import type { Flag as _mpr_v1_Flag, Flag__Output as _mpr_v1_Flag__Output } from './mpr/v1/Flag.ts';
import type { GenerationOptions as _mpr_v1_GenerationOptions, GenerationOptions__Output as _mpr_v1_GenerationOptions__Output } from './mpr/v1/GenerationOptions.ts';
import type { ParaphraseRequest as _mpr_v1_ParaphraseRequest, ParaphraseRequest__Output as _mpr_v1_ParaphraseRequest__Output } from './mpr/v1/ParaphraseRequest.ts';
import type { ParaphraseResponse as _mpr_v1_ParaphraseResponse, ParaphraseResponse__Output as _mpr_v1_ParaphraseResponse__Output } from './mpr/v1/ParaphraseResponse.ts';
import type { SentenceFailure as _mpr_v1_SentenceFailure, SentenceFailure__Output as _mpr_v1_SentenceFailure__Output } from './mpr/v1/SentenceFailure.ts';
import type { Timings as _mpr_v1_Timings, Timings__Output as _mpr_v1_Timings__Output } from './mpr/v1/Timings.ts';
import type { Usage as _mpr_v1_Usage, Usage__Output as _mpr_v1_Usage__Output } from './mpr/v1/Usage.ts';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  mpr: {
    v1: {
      CheckRequest: MessageTypeDefinition<_mpr_v1_CheckRequest, _mpr_v1_CheckRequest__Output>
      CheckResponse: MessageTypeDefinition<_mpr_v1_CheckResponse, _mpr_v1_CheckResponse__Output>
      CleanRequest: MessageTypeDefinition<_mpr_v1_CleanRequest, _mpr_v1_CleanRequest__Output>
      CleanResponse: MessageTypeDefinition<_mpr_v1_CleanResponse, _mpr_v1_CleanResponse__Output>
      CleanerService: SubtypeConstructor<typeof grpc.Client, _mpr_v1_CleanerServiceClient> & { service: _mpr_v1_CleanerServiceDefinition }
      Edit: MessageTypeDefinition<_mpr_v1_Edit, _mpr_v1_Edit__Output>
      EditKind: EnumTypeDefinition
      EngineInfo: MessageTypeDefinition<_mpr_v1_EngineInfo, _mpr_v1_EngineInfo__Output>
      ErrorInfo: MessageTypeDefinition<_mpr_v1_ErrorInfo, _mpr_v1_ErrorInfo__Output>
      Flag: MessageTypeDefinition<_mpr_v1_Flag, _mpr_v1_Flag__Output>
      GenerationOptions: MessageTypeDefinition<_mpr_v1_GenerationOptions, _mpr_v1_GenerationOptions__Output>
      ParaphraseRequest: MessageTypeDefinition<_mpr_v1_ParaphraseRequest, _mpr_v1_ParaphraseRequest__Output>
      ParaphraseResponse: MessageTypeDefinition<_mpr_v1_ParaphraseResponse, _mpr_v1_ParaphraseResponse__Output>
      SentenceFailure: MessageTypeDefinition<_mpr_v1_SentenceFailure, _mpr_v1_SentenceFailure__Output>
      SkipReason: EnumTypeDefinition
      Timings: MessageTypeDefinition<_mpr_v1_Timings, _mpr_v1_Timings__Output>
      Usage: MessageTypeDefinition<_mpr_v1_Usage, _mpr_v1_Usage__Output>
    }
  }
}


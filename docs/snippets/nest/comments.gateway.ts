// #region validation
import { MessageBody, SubscribeMessage } from '@nestjs/websockets';
import { RealtimeGateway, RealtimeValidationPipe, ValidatedBody } from '@tenantcast/nest';
import { IsString, MaxLength } from 'class-validator';
import { z } from 'zod';

const AddComment = z.strictObject({ rcaId: z.string(), text: z.string().min(1).max(2000) });
type AddComment = z.infer<typeof AddComment>;

export class EditCommentDto {
  @IsString() commentId!: string;
  @IsString() @MaxLength(2000) text!: string;
}

@RealtimeGateway()
export class CommentsGateway {
  // Any Standard Schema validator (zod, valibot, ArkType); a failure is acknowledged as
  // INVALID_PAYLOAD with every issue's path, and this handler does not run.
  @SubscribeMessage('add-comment')
  add(@ValidatedBody(AddComment) body: AddComment) {
    return { ok: true as const, commentId: `${body.rcaId}-${Date.now()}` };
  }

  // class-validator DTOs: Nest's ValidationPipe, strict (unknown properties refused).
  @SubscribeMessage('edit-comment')
  edit(@MessageBody(new RealtimeValidationPipe()) body: EditCommentDto) {
    return { ok: true as const, commentId: body.commentId };
  }
}
// #endregion validation

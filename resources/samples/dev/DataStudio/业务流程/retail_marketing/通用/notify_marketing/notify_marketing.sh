#!/bin/bash
# Posts a message to the marketing channel; the webhook token is a workspace parameter, not in this file.
curl -sS -X POST "https://oapi.dingtalk.com/robot/send?access_token=${mkt_webhook_token}" \
  -H "Content-Type: application/json" \
  -d "{\"msgtype\":\"text\",\"text\":{\"content\":\"Segments for ${bizdate} exported\"}}"

#!/bin/bash
echo "serving tables for ${bizdate} are ready"

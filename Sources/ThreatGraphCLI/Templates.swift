/// Starter models for `init`: small, valid, and meant to be edited.
enum Templates {
    /// Template names.
    static let names = ["agentic", "chatbot", "rag", "training"]
    /// The template `init` uses without `--template`.
    static let defaultName = "chatbot"

    /// The model text of a template.
    static func text(_ name: String) -> String? {
        switch name {
        case "chatbot": chatbot
        case "rag": rag
        case "training": training
        case "agentic": agentic
        default: nil
        }
    }

    static let chatbot = """
    {
      "$schema": "./threatgraph-model.schema.json",
      "threatgraph": "1",
      "name": "Customer chatbot",
      "description": "A chat assistant that answers signed-in customers from a hosted foundation model and keeps the conversation history.",
      "cloud": "aws",
      "frameworks": ["atlas", "owasp-llm-2025"],
      "actors": [
        {"id": "customer", "name": "Signed-in customer", "trust": "authenticated"},
        {"id": "anyone", "name": "Anonymous internet user", "trust": "anonymous"}
      ],
      "boundaries": [
        {"id": "account", "name": "Production account",
         "controls": [{"id": "ctl.runtime.threat-detection", "status": "implemented"}]},
        {"id": "vpc", "name": "Workload VPC", "parent": "account"}
      ],
      "assets": [
        {"id": "web", "name": "Chat web app", "kind": "web-frontend", "service": "AWS Amplify Hosting", "boundary": "account"},
        {"id": "api", "name": "Chat API", "kind": "api-gateway", "service": "Amazon API Gateway", "boundary": "account",
         "controls": [
           {"id": "ctl.application.request-validation", "status": "implemented"},
           {"id": "ctl.application.rate-limiting", "status": "planned"}
         ]},
        {"id": "orchestrator", "name": "Chat orchestrator", "kind": "compute-function", "service": "AWS Lambda", "boundary": "vpc"},
        {"id": "llm", "name": "Foundation model", "kind": "llm-endpoint", "service": "Amazon Bedrock", "boundary": "account",
         "controls": [{"id": "ctl.model.guardrails", "status": "implemented"}]},
        {"id": "history", "name": "Chat history", "kind": "nosql-database", "service": "Amazon DynamoDB", "boundary": "vpc",
         "sensitivity": "confidential", "crownJewel": true,
         "controls": [{"id": "ctl.data.encryption-at-rest", "status": "implemented"}]}
      ],
      "flows": [
        {"from": "anyone", "to": "web", "data": "page requests", "protocol": "HTTPS"},
        {"from": "customer", "to": "web", "data": "chat prompts", "protocol": "HTTPS"},
        {"from": "web", "to": "api", "data": "chat prompts", "protocol": "HTTPS"},
        {"from": "api", "to": "orchestrator", "data": "validated prompts"},
        {"from": "orchestrator", "to": "llm", "data": "prompt with context", "bidirectional": true},
        {"from": "orchestrator", "to": "history", "data": "conversation turns", "sensitivity": "confidential", "access": "read-write",
         "controls": [{"id": "ctl.data.tls-in-transit", "status": "implemented"}]}
      ]
    }

    """

    static let rag = """
    {
      "$schema": "./threatgraph-model.schema.json",
      "threatgraph": "1",
      "name": "Knowledge assistant",
      "description": "Answers employees from internal documents retrieved from a vector index; documents arrive through an ingestion pipeline.",
      "cloud": "aws",
      "actors": [
        {"id": "employee", "name": "Employee", "trust": "insider"},
        {"id": "author", "name": "External document author", "trust": "supplier"}
      ],
      "boundaries": [
        {"id": "account", "name": "Production account",
         "controls": [{"id": "ctl.runtime.threat-detection", "status": "implemented"}]},
        {"id": "vpc", "name": "Workload VPC", "parent": "account"}
      ],
      "assets": [
        {"id": "api", "name": "Assistant API", "kind": "api-gateway", "service": "Amazon API Gateway", "boundary": "account",
         "controls": [{"id": "ctl.application.authentication", "status": "implemented"}]},
        {"id": "app", "name": "Retrieval orchestrator", "kind": "compute-function", "service": "AWS Lambda", "boundary": "vpc"},
        {"id": "llm", "name": "Foundation model", "kind": "llm-endpoint", "service": "Amazon Bedrock", "boundary": "account"},
        {"id": "docs", "name": "Document bucket", "kind": "object-storage", "service": "Amazon S3", "boundary": "vpc", "sensitivity": "confidential"},
        {"id": "ingest", "name": "Ingestion pipeline", "kind": "data-pipeline", "service": "AWS Glue", "boundary": "vpc"},
        {"id": "index", "name": "Vector index", "kind": "vector-store", "service": "Amazon OpenSearch Serverless", "boundary": "vpc",
         "sensitivity": "confidential", "crownJewel": true}
      ],
      "flows": [
        {"from": "employee", "to": "api", "data": "questions", "protocol": "HTTPS"},
        {"from": "api", "to": "app", "data": "questions"},
        {"from": "app", "to": "index", "data": "similarity queries and matching passages", "access": "read"},
        {"from": "app", "to": "llm", "data": "question with retrieved passages", "bidirectional": true},
        {"from": "author", "to": "docs", "data": "uploaded documents", "access": "write"},
        {"from": "docs", "to": "ingest", "data": "documents"},
        {"from": "ingest", "to": "index", "data": "chunks and embeddings", "access": "write"}
      ]
    }

    """

    static let training = """
    {
      "$schema": "./threatgraph-model.schema.json",
      "threatgraph": "1",
      "name": "Fine-tuning pipeline",
      "description": "Fine-tunes a third-party base model on curated data and publishes approved versions to a registry.",
      "cloud": "aws",
      "frameworks": ["atlas", "owasp-ml-2023"],
      "actors": [
        {"id": "scientist", "name": "Data scientist", "trust": "insider"},
        {"id": "vendor", "name": "Model vendor", "trust": "supplier"}
      ],
      "boundaries": [
        {"id": "ml-account", "name": "ML account"},
        {"id": "training-vpc", "name": "Isolated training VPC", "parent": "ml-account"}
      ],
      "assets": [
        {"id": "base", "name": "Base model", "kind": "third-party-model", "service": "Hugging Face Hub"},
        {"id": "notebook", "name": "Notebook", "kind": "notebook", "service": "Amazon SageMaker Studio", "boundary": "ml-account"},
        {"id": "data", "name": "Training data", "kind": "training-data", "service": "Amazon S3", "boundary": "training-vpc",
         "sensitivity": "confidential", "controls": [{"id": "ctl.data.encryption-at-rest", "status": "implemented"}]},
        {"id": "job", "name": "Training job", "kind": "training-job", "service": "Amazon SageMaker Training", "boundary": "training-vpc"},
        {"id": "registry", "name": "Model registry", "kind": "model-registry", "service": "SageMaker Model Registry", "boundary": "ml-account",
         "crownJewel": true, "controls": [{"id": "ctl.model.approval-workflow", "status": "planned"}]}
      ],
      "flows": [
        {"from": "scientist", "to": "notebook", "data": "experiments"},
        {"from": "notebook", "to": "data", "data": "curated examples"},
        {"from": "vendor", "to": "base", "data": "model weights"},
        {"from": "base", "to": "job", "data": "base weights"},
        {"from": "data", "to": "job", "data": "training examples"},
        {"from": "job", "to": "registry", "data": "fine-tuned model"}
      ]
    }

    """

    static let agentic = """
    {
      "$schema": "./threatgraph-model.schema.json",
      "threatgraph": "1",
      "name": "Operations agent",
      "description": "An agent that reads tickets, remembers past incidents and runs approved tools against internal systems.",
      "cloud": "aws",
      "frameworks": ["atlas", "owasp-agentic-2026"],
      "actors": [
        {"id": "engineer", "name": "On-call engineer", "trust": "insider"},
        {"id": "reporter", "name": "Ticket reporter", "trust": "authenticated"}
      ],
      "boundaries": [
        {"id": "account", "name": "Operations account"}
      ],
      "assets": [
        {"id": "tickets", "name": "Ticket queue", "kind": "message-queue", "service": "Amazon SQS", "boundary": "account"},
        {"id": "agent", "name": "Operations agent", "kind": "agent", "service": "Amazon Bedrock Agents", "boundary": "account",
         "controls": [{"id": "ctl.application.prompt-attack-filter", "status": "implemented"}]},
        {"id": "llm", "name": "Foundation model", "kind": "llm-endpoint", "service": "Amazon Bedrock", "boundary": "account"},
        {"id": "memory", "name": "Incident memory", "kind": "memory-store", "service": "Amazon DynamoDB", "boundary": "account"},
        {"id": "runner", "name": "Runbook tool", "kind": "agent-tool", "service": "AWS Lambda", "boundary": "account", "crownJewel": true,
         "capabilities": ["executes-code"]}
      ],
      "flows": [
        {"from": "reporter", "to": "tickets", "data": "incident reports"},
        {"from": "tickets", "to": "agent", "data": "tickets"},
        {"from": "engineer", "to": "agent", "data": "instructions"},
        {"from": "agent", "to": "llm", "data": "reasoning prompts", "bidirectional": true},
        {"from": "agent", "to": "memory", "data": "incident notes", "access": "read-write"},
        {"from": "agent", "to": "runner", "data": "tool calls"}
      ]
    }

    """
}

import type { Stores } from '../../bot/ports/stores';
import { openRedisStores } from '../../bot/store/redis';
import { describeWithRedis } from '../helpers/redis';
import { describeStoreContract } from './store-contract';

describeWithRedis('Redis store', (redis) => {
  describeStoreContract('Redis', async () => {
    const prefix = redis.prefix();
    const stores: Stores = openRedisStores({ url: redis.url(), prefix });
    return {
      stores,
      cleanup: async () => {
        await stores.close();
        await redis.clean(prefix);
      },
    };
  });
});
